package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;

import java.util.Map;

/**
 * One call of a {@link LocalProcedure}.
 *
 * @param arguments the CALL's args and kwargs
 * @param details   the INVOCATION details: {@code caller}, {@code caller_authid}, {@code caller_authrole} when
 *                  the caller is disclosed, {@code procedure} for pattern registrations, {@code receive_progress}
 *                  when the caller wants progressive results, …
 * @param progress  where progressive results go
 */
public record LocalInvocation(Payload arguments, Map<String, Object> details, ProgressSink progress) {}
