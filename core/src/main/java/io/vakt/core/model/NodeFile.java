package io.vakt.core.model;

import java.util.List;

/**
 * A file of the folder tree that has a node path (spec §3): a published variable list or a view. Its
 * bound elements, in {@code Advise.A} order, are what the {@code data} query and subscription deliver.
 */
public sealed interface NodeFile permits PublishedVariableList, View {
    /** Technical name; with the folder path and {@code File} it forms the node path. */
    String name();

    String title();

    SourceRef source();

    /** The bound elements, index k being {@code Advise.A[k]}. */
    List<AdvisedElement> advised();

    /** {@code Cwl} for lists, {@code Cwv} for views: the root key of the content and of element paths. */
    String contentRoot();
}
