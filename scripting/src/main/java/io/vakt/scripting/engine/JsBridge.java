package io.vakt.scripting.engine;

import io.vakt.scripting.SsfInvocation;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The only host object a context ever sees, and only the prelude holds it: a handful of functions taking
 * strings, numbers and JavaScript callbacks (no host classes, no host access beyond these proxies).
 *
 * <p>Every function takes the id of the call it belongs to and is ignored unless that call is the one running
 * on this worker, so a callback that code kept from an earlier call cannot act on a later one. Nothing here
 * throws into JavaScript: a host-side fault is logged and the JavaScript side carries on.
 */
final class JsBridge {
    private static final Logger LOG = LoggerFactory.getLogger(JsBridge.class);

    private final HostCalls hostCalls;
    private final Fetcher fetcher;
    private final ProxyObject proxy;
    private CallRun current; // worker thread only

    JsBridge(HostCalls hostCalls, Fetcher fetcher) {
        this.hostCalls = hostCalls;
        this.fetcher = fetcher;
        Map<String, Object> members = new HashMap<>();
        members.put("settle", function(this::settle));
        members.put("op", function(this::op));
        members.put("fetch", function(this::fetch));
        members.put("timer", function(this::timer));
        members.put("clearTimer", function(this::clearTimer));
        members.put("console", function(this::console));
        members.put("progress", function(this::progress));
        this.proxy = ProxyObject.fromMap(members);
    }

    ProxyObject proxy() { return proxy; }

    /** The run now executing on this bridge's worker, or null between runs. */
    void attach(CallRun run) { this.current = run; }

    private interface Handler {
        Object handle(CallRun run, Value[] args);
    }

    private ProxyExecutable function(Handler handler) {
        return args -> {
            CallRun run = current;
            if (run == null || args.length == 0 || !args[0].isNumber() || args[0].asLong() != run.id()) return null;
            try {
                return handler.handle(run, args);
            } catch (PolyglotException | VirtualMachineError mustPropagate) {
                throw mustPropagate; // an interrupt, limit or exhausted VM must still reach the worker
            } catch (Throwable hostFault) {
                // never into JavaScript: its message or class name would reach the caller as the script's error
                LOG.warn("[ssf {}] host bridge fault", run.block().path(), hostFault);
                return null;
            }
        };
    }

    private Object settle(CallRun run, Value[] args) {
        run.settle(new Settlement(args[1].asBoolean(), text(args[2]), text(args[3]), text(args[4])));
        return null;
    }

    private Object op(CallRun run, Value[] args) {
        hostCalls.start(run, args[1].asString(), text(args[2]), args[3], args[4], args[5].isNull() ? null : args[5]);
        return null;
    }

    private Object fetch(CallRun run, Value[] args) {
        fetcher.start(run, args[1].asString(), args[2].asString(), args[3], args[4]);
        return null;
    }

    private Object timer(CallRun run, Value[] args) {
        return run.timers().set(args[1].asDouble(), args[2].asBoolean());
    }

    private Object clearTimer(CallRun run, Value[] args) {
        if (args[1].fitsInInt()) run.timers().clear(args[1].asInt());
        return null;
    }

    private Object console(CallRun run, Value[] args) {
        run.console().line(args[1].asString(), args[2].asString());
        return null;
    }

    private Object progress(CallRun run, Value[] args) {
        SsfInvocation invocation = run.invocation();
        if (invocation == null) return null;
        String json = text(args[1]);
        invocation.progress().accept(json == null ? null : Json.read(json));
        return null;
    }

    private static String text(Value value) {
        if (value == null || value.isNull()) return null;
        return value.isString() ? value.asString() : value.toString();
    }
}
