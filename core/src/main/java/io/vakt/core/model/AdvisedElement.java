package io.vakt.core.model;

import io.vakt.core.access.AccessLevel;

/**
 * One bound element of a node file, as the content model numbers them ({@code Advise.A[k]}): the binding
 * and the rules for reading and writing it.
 */
public record AdvisedElement(Binding binding, boolean writable, AccessLevel readAccess, AccessLevel writeAccess) {
}
