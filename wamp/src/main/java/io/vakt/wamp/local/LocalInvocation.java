package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.router.Identity;

import java.util.Map;

/**
 * One call of a {@link LocalProcedure}.
 *
 * @param arguments the CALL's args and kwargs
 * @param details   the INVOCATION details: {@code caller}, {@code caller_authid}, {@code caller_authrole} when
 *                  the caller is disclosed, {@code procedure} for pattern registrations, {@code receive_progress}
 *                  when the caller wants progressive results, …
 * @param progress  where progressive results go
 * @param caller    who called: the calling session's identity, its credential included. In-process only,
 *                  never sent on the wire; what {@code details} discloses is what a remote callee would see
 */
public record LocalInvocation(Payload arguments, Map<String, Object> details, ProgressSink progress, Identity caller) {}
