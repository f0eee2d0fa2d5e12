package io.vakt.server.config;

import io.vakt.scripting.FetchPolicy;
import io.vakt.scripting.SsfConfig;

import java.time.Duration;
import java.util.List;

/**
 * The {@code ssf.*} keys: the ServerSideFunction runtime's limits, how often the project's {@code .ssf.js}
 * files are checked for changes, and how many rows {@code db.<table>.query} returns at most.
 *
 * @param reloadInterval how often the project folder is checked for changed code; 0 = never (the embedded
 *                       demo, which lives in the jar, is never checked)
 */
public record SsfSettings(SsfConfig runtime, Duration reloadInterval, int maxQueryRows) {
    public static SsfSettings defaults() {
        return new SsfSettings(SsfConfig.defaults(), Duration.ofSeconds(2), 10_000);
    }

    public SsfSettings withRuntime(SsfConfig runtime) { return new SsfSettings(runtime, reloadInterval, maxQueryRows); }

    public SsfSettings withReloadInterval(Duration interval) { return new SsfSettings(runtime, interval, maxQueryRows); }

    public SsfSettings withMaxQueryRows(int rows) { return new SsfSettings(runtime, reloadInterval, rows); }

    public SsfSettings withContexts(int n) {
        SsfConfig r = runtime;
        return withRuntime(new SsfConfig(n, r.maxConcurrentPerPath(), r.maxQueuedCalls(), r.cpuTimeLimit(), r.callTimeout(),
                r.allocationLimitBytes(), r.statementLimit(), r.maxCodeBytes(), r.maxConsoleLinesPerCall(), r.fetch()));
    }

    public SsfSettings withMaxConcurrentPerPath(int n) {
        SsfConfig r = runtime;
        return withRuntime(new SsfConfig(r.contexts(), n, r.maxQueuedCalls(), r.cpuTimeLimit(), r.callTimeout(),
                r.allocationLimitBytes(), r.statementLimit(), r.maxCodeBytes(), r.maxConsoleLinesPerCall(), r.fetch()));
    }

    public SsfSettings withMaxQueuedCalls(int n) {
        SsfConfig r = runtime;
        return withRuntime(new SsfConfig(r.contexts(), r.maxConcurrentPerPath(), n, r.cpuTimeLimit(), r.callTimeout(),
                r.allocationLimitBytes(), r.statementLimit(), r.maxCodeBytes(), r.maxConsoleLinesPerCall(), r.fetch()));
    }

    public SsfSettings withCpuTimeLimit(Duration limit) {
        SsfConfig r = runtime;
        return withRuntime(new SsfConfig(r.contexts(), r.maxConcurrentPerPath(), r.maxQueuedCalls(), limit, r.callTimeout(),
                r.allocationLimitBytes(), r.statementLimit(), r.maxCodeBytes(), r.maxConsoleLinesPerCall(), r.fetch()));
    }

    public SsfSettings withCallTimeout(Duration timeout) {
        SsfConfig r = runtime;
        return withRuntime(new SsfConfig(r.contexts(), r.maxConcurrentPerPath(), r.maxQueuedCalls(), r.cpuTimeLimit(), timeout,
                r.allocationLimitBytes(), r.statementLimit(), r.maxCodeBytes(), r.maxConsoleLinesPerCall(), r.fetch()));
    }

    public SsfSettings withMaxAllocation(long bytes) {
        SsfConfig r = runtime;
        return withRuntime(new SsfConfig(r.contexts(), r.maxConcurrentPerPath(), r.maxQueuedCalls(), r.cpuTimeLimit(),
                r.callTimeout(), bytes, r.statementLimit(), r.maxCodeBytes(), r.maxConsoleLinesPerCall(), r.fetch()));
    }

    public SsfSettings withStatementLimit(long statements) {
        SsfConfig r = runtime;
        return withRuntime(new SsfConfig(r.contexts(), r.maxConcurrentPerPath(), r.maxQueuedCalls(), r.cpuTimeLimit(),
                r.callTimeout(), r.allocationLimitBytes(), statements, r.maxCodeBytes(), r.maxConsoleLinesPerCall(), r.fetch()));
    }

    public SsfSettings withMaxCodeBytes(int bytes) {
        SsfConfig r = runtime;
        return withRuntime(new SsfConfig(r.contexts(), r.maxConcurrentPerPath(), r.maxQueuedCalls(), r.cpuTimeLimit(),
                r.callTimeout(), r.allocationLimitBytes(), r.statementLimit(), bytes, r.maxConsoleLinesPerCall(), r.fetch()));
    }

    public SsfSettings withMaxConsoleLines(int lines) {
        SsfConfig r = runtime;
        return withRuntime(new SsfConfig(r.contexts(), r.maxConcurrentPerPath(), r.maxQueuedCalls(), r.cpuTimeLimit(),
                r.callTimeout(), r.allocationLimitBytes(), r.statementLimit(), r.maxCodeBytes(), lines, r.fetch()));
    }

    public SsfSettings withFetch(FetchPolicy fetch) {
        SsfConfig r = runtime;
        return withRuntime(new SsfConfig(r.contexts(), r.maxConcurrentPerPath(), r.maxQueuedCalls(), r.cpuTimeLimit(),
                r.callTimeout(), r.allocationLimitBytes(), r.statementLimit(), r.maxCodeBytes(), r.maxConsoleLinesPerCall(), fetch));
    }

    public SsfSettings withFetchHosts(List<String> hosts) {
        FetchPolicy f = runtime.fetch();
        return withFetch(new FetchPolicy(hosts, f.timeout(), f.maxResponseBytes()));
    }

    public SsfSettings withFetchTimeout(Duration timeout) {
        FetchPolicy f = runtime.fetch();
        return withFetch(new FetchPolicy(f.allowedHosts(), timeout, f.maxResponseBytes()));
    }

    public SsfSettings withFetchMaxResponse(int bytes) {
        FetchPolicy f = runtime.fetch();
        return withFetch(new FetchPolicy(f.allowedHosts(), f.timeout(), bytes));
    }
}
