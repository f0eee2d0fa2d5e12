package io.vakt.scripting;

/**
 * A call that failed inside the JavaScript code: what the function threw or rejected with. {@code uri} is
 * {@code wamp.error.runtime_error} unless the thrown error carried a {@code uri} (host refusals such as
 * {@code wamp.error.not_authorized} from {@code legacy.write} keep theirs); {@code message} is the JavaScript
 * message, never a Java class name. No stack trace is captured: it is the script's failure, not Vakt's.
 */
public final class ScriptFailure extends RuntimeException {
    private final String uri;

    public ScriptFailure(String uri, String message) {
        super(message, null, false, false);
        this.uri = uri;
    }

    public String uri() { return uri; }
}
