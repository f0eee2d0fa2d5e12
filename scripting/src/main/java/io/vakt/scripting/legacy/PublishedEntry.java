package io.vakt.scripting.legacy;

import io.vakt.core.model.AdvisedElement;
import io.vakt.core.model.NodeRef;
import io.vakt.core.model.TechnicalAddress;

/**
 * One place a technical address is published: element {@code index} ({@code Advise.A[index]}) of a list or view.
 * Its folder and its {@code ReadAccess}/{@code WriteAccess} decide who may reach the address through it.
 */
public record PublishedEntry(NodeRef node, int index, AdvisedElement element) {
    public TechnicalAddress address() { return element.binding().address(); }
}
