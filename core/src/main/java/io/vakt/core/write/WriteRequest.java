package io.vakt.core.write;

import io.vakt.core.access.Principal;

/**
 * A client's request to write one advised element of a node file.
 *
 * @param nodePath      Base64 node path of the list or view
 * @param elementRoot   {@code Cwl}/{@code Cwv} from the element path, or null when the caller addressed the
 *                      element by index ({@code writeData} keys)
 * @param elementIndex  k of {@code Advise.A[k]}
 * @param value         the value as the client sent it (spec §4.3: always a string)
 * @param clientAddress the client's network address, for the audit log
 */
public record WriteRequest(Principal principal, String clientAddress, String nodePath, String elementRoot,
                           int elementIndex, String value) {
}
