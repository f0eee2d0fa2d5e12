package io.vakt.driver.opcua;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** OPC UA status codes as operators read them: their symbolic names from the specification. */
final class StatusNames {
    /** Service results meaning the request never got an answer from a working session: the peer is away. */
    private static final Set<Long> LINK_PROBLEMS = Set.of(StatusCodes.Bad_Timeout, StatusCodes.Bad_RequestTimeout,
            StatusCodes.Bad_ConnectionClosed, StatusCodes.Bad_SecureChannelClosed, StatusCodes.Bad_SessionClosed,
            StatusCodes.Bad_SessionIdInvalid, StatusCodes.Bad_SessionNotActivated, StatusCodes.Bad_CommunicationError,
            StatusCodes.Bad_ServerNotConnected, StatusCodes.Bad_NotConnected, StatusCodes.Bad_Disconnect,
            StatusCodes.Bad_Shutdown, StatusCodes.Bad_TcpInternalError, StatusCodes.Bad_SecureChannelIdInvalid);

    private StatusNames() {}

    /** {@code Bad_NotWritable}; the hexadecimal code when the name is unknown. */
    static String name(StatusCode status) {
        return StatusCodes.lookup(status.getValue()).map(names -> names[0])
                .orElse(String.format(Locale.ROOT, "0x%08X", status.getValue()));
    }

    /** {@code Bad_NotWritable (The access level does not allow writing to the Node.)} */
    static String describe(StatusCode status) {
        Optional<String[]> names = StatusCodes.lookup(status.getValue());
        if (names.isEmpty()) return name(status);
        String[] pair = names.get();
        return pair.length > 1 && !pair[1].isBlank() ? pair[0] + " (" + pair[1].strip() + ")" : pair[0];
    }

    /** Whether a failed service call means the peer is unreachable rather than that it refused. */
    static boolean isLinkProblem(Throwable failure) {
        Optional<StatusCode> status = UaException.extractStatusCode(failure);
        return status.isEmpty() || LINK_PROBLEMS.contains(status.get().getValue());
    }

    /** The status name of a failed service call, or the failure's message when it carries none. */
    static String describe(Throwable failure) {
        return UaException.extractStatusCode(failure).map(StatusNames::name)
                .orElseGet(() -> io.vakt.core.driver.support.Reconnector.reason(failure));
    }
}
