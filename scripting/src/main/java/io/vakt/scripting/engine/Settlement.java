package io.vakt.scripting.engine;

/**
 * How a function's outcome came back from JavaScript: the JSON text of its result, or what it threw.
 *
 * @param ok    the function returned (or its Promise fulfilled)
 * @param text  for {@code ok}: the result as JSON, null when it was {@code undefined}; otherwise the message
 * @param uri   the thrown error's {@code uri} when it was a dotted URI, else null
 * @param stack the thrown error's JavaScript stack (file:line frames), for the debug log only
 */
record Settlement(boolean ok, String text, String uri, String stack) {
    /** For a failure: what the caller reads. */
    String message() { return text; }
}
