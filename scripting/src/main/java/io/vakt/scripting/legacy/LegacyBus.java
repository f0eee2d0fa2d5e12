package io.vakt.scripting.legacy;

import io.vakt.core.access.AccessPolicy;
import io.vakt.core.access.Principal;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.live.LiveValue;
import io.vakt.core.live.LiveValues;
import io.vakt.core.live.UpdateType;
import io.vakt.core.model.PointValues;
import io.vakt.core.model.TechnicalAddress;
import io.vakt.core.write.WriteRequest;
import io.vakt.core.write.WriteResult;
import io.vakt.core.write.WriteService;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The legacy EXOds bus as ServerSideFunctions see it (spec §7.7), behind the access control of GraphQL
 * (spec §8.5 decision, §15 item 9; rules in {@link LegacyAccess}). Thread-safe.
 *
 * <ul>
 *   <li>{@link #read}: values from the live-value hub's poll, which keeps each variable advised for the poll
 *       lease; the first read of a variable nobody watches answers {@code Pending} (5) and a later read finds its
 *       value (spec §8.3: "poll again"). A published address no controller has answers {@code ErrorNotExist} (3).
 *       Every variable is checked before any is read, so one refusal fails the whole call and advises nothing.</li>
 *   <li>{@link #write}: through the {@link WriteService} like {@code setData} (typing, range, read-back, audit),
 *       via the first occurrence the caller may write; answers the confirmed value with type {@code Response} (1).</li>
 * </ul>
 */
public final class LegacyBus {
    /** Longest list one {@code read} may name: a script polling a whole plant should use a list it publishes. */
    public static final int MAX_VARIABLES = 1000;

    private final LegacyAccess access;
    private final LiveValues live;
    private final WriteService writes;
    private final Clock clock;

    public LegacyBus(PublishedAddresses published, AccessPolicy access, LiveValues live, WriteService writes, Clock clock) {
        this.access = new LegacyAccess(published, access);
        this.live = live;
        this.writes = writes;
        this.clock = clock;
    }

    /**
     * Reads {@code variables} ({@code Ctrl.Point} or {@code *Ctrl.Point}) for {@code principal}; the answer has
     * the same order and length.
     *
     * @throws VaktException {@code INVALID_ARGUMENT} for more than {@link #MAX_VARIABLES} or a text that is not a
     *                       technical address; {@code NOT_AUTHORIZED} when any variable may not be read
     */
    public List<LegacyValue> read(Principal principal, List<String> variables) {
        if (variables.size() > MAX_VARIABLES) {
            throw Fault.INVALID_ARGUMENT.exception("legacy.read takes at most " + MAX_VARIABLES + " variables, got "
                    + variables.size());
        }
        List<TechnicalAddress> addresses = new ArrayList<>(variables.size());
        for (String variable : variables) {
            TechnicalAddress address = parse(variable);
            access.forRead(principal, address, variable);
            addresses.add(address);
        }
        List<LegacyValue> values = new ArrayList<>(variables.size());
        for (int i = 0; i < addresses.size(); i++) {
            LiveValue state = live.poll(addresses.get(i));
            values.add(new LegacyValue(state.value(), variables.get(i), state.type(), state.timestamp()));
        }
        return values;
    }

    /**
     * Writes {@code value} (a string, number or boolean, converted to the point's type as {@code setData} does)
     * to {@code variable} for {@code principal}. The stage fails with {@code NOT_AUTHORIZED} (not published where
     * the caller can see it, not writable, level too low) before anything reaches the controller, or with the
     * write service's fault ({@code INVALID_VALUE}, {@code OUT_OF_RANGE}, {@code WRITE_FAILED}, …).
     *
     * @param origin who writes, for the audit log's client column (e.g. {@code ssf Landskrona.Ventilation.Overview.File})
     */
    public CompletionStage<LegacyValue> write(Principal principal, String origin, String variable, Object value) {
        CompletableFuture<LegacyValue> answer = new CompletableFuture<>();
        PublishedEntry entry;
        String text;
        try {
            entry = access.forWrite(principal, parse(variable), variable);
            text = text(value);
        } catch (VaktException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        writes.write(new WriteRequest(principal, origin, entry.node().nodePath(), null, entry.index(), text))
                .whenComplete((result, failure) -> {
                    if (failure != null) answer.completeExceptionally(unwrap(failure));
                    else if (result instanceof WriteResult.Written written) {
                        answer.complete(new LegacyValue(written.newValue(), variable, UpdateType.Response, clock.instant()));
                    } else if (result instanceof WriteResult.Refused refused) {
                        answer.completeExceptionally(refused.reason());
                    }
                });
        return answer;
    }

    private static TechnicalAddress parse(String variable) {
        if (variable == null) throw Fault.INVALID_ARGUMENT.exception("a variable is missing");
        return PublishedAddresses.parse(variable).orElseThrow(() -> Fault.INVALID_ARGUMENT.exception(
                "\"" + shorten(variable) + "\" is not a technical address (Controller.Point)"));
    }

    /** The text {@code setData} would get: JavaScript's own spelling of the value ({@code 21}, not {@code 21.0}). */
    private static String text(Object value) {
        return switch (value) {
            case null -> throw Fault.INVALID_ARGUMENT.exception("legacy.write needs a value");
            case String string -> string;
            case Boolean bool -> bool.toString();
            case BigDecimal decimal -> decimal.toPlainString();
            case Number number -> PointValues.format(number instanceof Float f ? f.doubleValue() : number);
            default -> throw Fault.INVALID_ARGUMENT.exception("legacy.write needs a string, number or boolean value");
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        return cause;
    }

    private static String shorten(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
