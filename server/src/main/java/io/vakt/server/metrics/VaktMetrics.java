package io.vakt.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vakt.core.live.HubStats;
import io.vakt.core.live.LiveValues;
import io.vakt.core.write.WriteService;
import io.vakt.graphql.live.GroupStats;
import io.vakt.graphql.ws.WsStats;
import io.vakt.scripting.PathStats;
import io.vakt.scripting.SsfRuntime;
import io.vakt.wamp.router.WampStats;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus metrics ({@code /arrigo/api/metrics}): connections, subscriptions, updates in and out, coalesced
 * updates, writes and logins, the WAMP router's sessions, calls and events, plus the JVM's own. The modules keep plain counters; this class only reads them,
 * so no module but the server depends on a metrics library.
 */
public final class VaktMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public VaktMetrics(LiveValues hub, GroupStats groups, WsStats ws, WriteService writes, WampStats wamp) {
        HubStats stats = hub.stats();
        Gauge.builder("vakt.connections", ws, WsStats::legacyConnections).tag("protocol", "graphql-ws")
                .description("Open GraphQL WebSocket connections").register(registry);
        Gauge.builder("vakt.connections", ws, WsStats::transportWsConnections).tag("protocol", "graphql-transport-ws")
                .description("Open GraphQL WebSocket connections").register(registry);
        Gauge.builder("vakt.subscriptions", ws, WsStats::operations)
                .description("Active GraphQL operations over WebSocket").register(registry);
        Gauge.builder("vakt.subscription.groups", groups, GroupStats::groups)
                .description("Subscription groups (distinct node, selection and access level)").register(registry);
        Gauge.builder("vakt.points.advised", hub, LiveValues::advisedCount)
                .description("Points advised at their drivers").register(registry);
        FunctionCounter.builder("vakt.updates.in", stats, HubStats::samplesIn)
                .description("Samples received from drivers").register(registry);
        FunctionCounter.builder("vakt.updates.out", ws, WsStats::framesOut)
                .description("Live-value messages written to WebSocket clients").register(registry);
        FunctionCounter.builder("vakt.updates.coalesced", stats, HubStats::coalesced).tag("stage", "throttle")
                .description("Updates replaced by a newer one: inside a throttle window, or while a slow client's socket was full")
                .register(registry);
        FunctionCounter.builder("vakt.updates.coalesced", ws, WsStats::conflated).tag("stage", "slow_client")
                .description("Updates replaced by a newer one: inside a throttle window, or while a slow client's socket was full")
                .register(registry);
        FunctionCounter.builder("vakt.updates.serialized", groups, GroupStats::serializations)
                .description("Updates serialized (once per subscription group)").register(registry);
        FunctionCounter.builder("vakt.writes", writes, WriteService::acceptedCount).tag("result", "ok")
                .description("Writes through setData and writeData").register(registry);
        FunctionCounter.builder("vakt.writes", writes, WriteService::refusedCount).tag("result", "refused")
                .description("Writes through setData and writeData").register(registry);
        FunctionCounter.builder("vakt.graphql.ws.protocol.errors", ws, WsStats::protocolErrors)
                .description("GraphQL WebSocket messages refused as protocol violations").register(registry);
        FunctionCounter.builder("vakt.graphql.ws.auth.failures", ws, WsStats::authFailures)
                .description("connection_init refused for a missing, invalid or expired token").register(registry);
        wamp(wamp);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The router's counters (spec §7); the call latency timer is fed by the router as calls end. */
    private void wamp(WampStats wamp) {
        Gauge.builder("vakt.wamp.sessions", wamp.sessionsOpen, LongAdder::sum)
                .description("Open WAMP sessions (joined, in-process ones included)").register(registry);
        counter("vakt.wamp.sessions.joined", wamp.sessionsJoined, "WAMP sessions welcomed");
        counter("vakt.wamp.sessions.refused", wamp.sessionsRefused, "WAMP sessions refused with ABORT (authentication, realm)");
        counter("vakt.wamp.protocol.violations", wamp.protocolViolations, "WAMP sessions ended for breaking the protocol");
        counter("vakt.wamp.calls", wamp.calls, "WAMP calls routed");
        counter("vakt.wamp.call.errors", wamp.callErrors, "WAMP calls that ended with ERROR");
        counter("vakt.wamp.call.timeouts", wamp.callTimeouts, "WAMP calls the router ended for their timeout");
        counter("vakt.wamp.calls.canceled", wamp.callsCanceled, "WAMP calls canceled by their caller");
        counter("vakt.wamp.publications", wamp.publications, "WAMP publications routed");
        counter("vakt.wamp.events.delivered", wamp.eventsDelivered, "WAMP events sent to subscribers");
        counter("vakt.wamp.events.dropped", wamp.eventsDropped,
                "WAMP events dropped because the subscriber's socket stayed full (slow subscriber)");
        counter("vakt.wamp.slow.sessions.closed", wamp.slowSessionsClosed,
                "WAMP sessions closed because they could not take a result or other message that must not be lost");
        Timer latency = Timer.builder("vakt.wamp.call.latency")
                .description("Time from CALL to the final RESULT or ERROR").publishPercentileHistogram()
                .register(registry);
        wamp.onCallLatency(nanos -> latency.record(nanos, TimeUnit.NANOSECONDS));
    }

    /**
     * The ServerSideFunction runtime: busy contexts and waiting calls, and per registration path the calls,
     * errors, limit stops, and wall and CPU seconds (a path's counters appear when it is first registered).
     */
    /**
     * Open sessions of the fallback transports (docs/fallback-transports.md). GraphQL event streams also count in
     * {@code vakt.connections{protocol="graphql-transport-ws"}}, whose session logic serves them.
     */
    public void fallback(java.util.function.IntSupplier eventStreams, java.util.function.IntSupplier longPolls) {
        Gauge.builder("vakt.fallback.sessions", eventStreams::getAsInt).tag("transport", "graphql-sse")
                .description("GraphQL over Server-Sent Events sessions, reserved or streaming").register(registry);
        Gauge.builder("vakt.fallback.sessions", longPolls::getAsInt).tag("transport", "wamp-longpoll")
                .description("WAMP long-poll transports").register(registry);
    }

    /**
     * One gauge per controller whose driver has a link: 1 while connected, 0 while connecting or down, so an
     * alert can name the controller ({@code vakt_controller_up{controller="PLC1",driver="modbus"} 0}).
     */
    public void controllers(io.vakt.core.driver.DriverManager drivers) {
        for (io.vakt.core.driver.DriverManager.ControllerStatus status : drivers.statuses()) {
            if (status.link().isEmpty()) continue;
            String name = status.controller();
            Gauge.builder("vakt.controller.up", drivers, manager -> manager.linkStatus(name)
                            .map(link -> link.isUp() ? 1.0 : 0.0).orElse(0.0))
                    .tag("controller", name).tag("driver", status.driver())
                    .description("Whether the driver's link to the controller is up (1) or not (0)").register(registry);
        }
    }

    public void ssf(SsfRuntime runtime) {
        Gauge.builder("vakt.ssf.contexts.busy", runtime, SsfRuntime::busyContexts)
                .description("JavaScript contexts running a ServerSideFunction call").register(registry);
        Gauge.builder("vakt.ssf.calls.queued", runtime, SsfRuntime::queuedCalls)
                .description("ServerSideFunction calls waiting for a context").register(registry);
        runtime.onNewPath(path -> {
            pathCounter("vakt.ssf.calls", path, PathStats::calls, "ServerSideFunction calls finished");
            pathCounter("vakt.ssf.call.errors", path, PathStats::errors, "ServerSideFunction calls that ended with an error");
            pathCounter("vakt.ssf.limit.stops", path, PathStats::limitStops,
                    "ServerSideFunction calls stopped by the CPU-time, wall-time, allocation or statement limit");
            pathCounter("vakt.ssf.call.seconds", path, stats -> stats.wallNanos() / 1e9,
                    "Wall-clock seconds spent in ServerSideFunction calls");
            pathCounter("vakt.ssf.cpu.seconds", path, stats -> stats.cpuNanos() / 1e9,
                    "CPU seconds used by ServerSideFunction calls");
        });
    }

    private void pathCounter(String name, PathStats stats, ToDoubleFunction<PathStats> value, String description) {
        FunctionCounter.builder(name, stats, value).tag("path", stats.path()).description(description).register(registry);
    }

    private void counter(String name, LongAdder source, String description) {
        FunctionCounter.builder(name, source, LongAdder::sum).description(description).register(registry);
    }

    /** Counts a login attempt by its HTTP status class. */
    public void login(int status) {
        String result = status == 200 ? "ok" : status == 401 ? "refused" : "error";
        Counter.builder("vakt.logins").tag("result", result).description("Login attempts").register(registry).increment();
    }

    public String scrape() { return registry.scrape(); }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
