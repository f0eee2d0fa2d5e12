package io.vakt.scripting;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.vakt.scripting.SsfFixture.scriptFailure;
import static org.assertj.core.api.Assertions.assertThat;

/** What SSF code can and cannot reach (spec §8.5 decision): no host, file or process access; console; fetch. */
class SsfSandboxTest {
    private static final SsfFixture ssf = new SsfFixture();

    @BeforeAll
    static void start() { ssf.start(); }

    @AfterAll
    static void stop() { ssf.close(); }

    @Test
    @SuppressWarnings("unchecked")
    void hostAndShellGlobalsAreAbsent() {
        Object value = ssf.run("""
                return [typeof Java, typeof Polyglot, typeof load, typeof print, typeof process, typeof Graal,
                        typeof module, typeof exports, typeof Packages, typeof quit, typeof Buffer];
                """);
        assertThat((List<Object>) value).containsOnly("undefined");
    }

    @Test
    @SuppressWarnings("unchecked")
    void nodeLikeGlobalsArePresent() {
        Object value = ssf.run("""
                return [typeof console.log, typeof setTimeout, typeof clearTimeout, typeof setInterval,
                        typeof clearInterval, typeof queueMicrotask, typeof fetch, typeof require];
                """);
        assertThat((List<Object>) value).containsOnly("function");
    }

    @Test
    void requireThrowsAClearError() {
        ScriptFailure failure = ssf.failureOf("require('fs');");
        assertThat(failure.getMessage()).isEqualTo(
                "require is not available in Vakt ServerSideFunctions: no Node.js modules; use callInfo.context");
    }

    @Test
    void noFileOrModuleAccess() {
        Object value = ssf.run("""
                const results = [];
                try { await import('/etc/passwd'); results.push('imported'); } catch (e) { results.push('import refused'); }
                try { new Function('return load("/etc/passwd")')(); results.push('loaded'); } catch (e) { results.push('load refused'); }
                try { globalThis.Java.type('java.io.File'); results.push('java'); } catch (e) { results.push('no java'); }
                return results;
                """);
        assertThat(value).isEqualTo(List.of("import refused", "load refused", "no java"));
    }

    @Test
    void overwritingRuntimeGlobalsDoesNotBreakOtherCode() {
        ssf.run("""
                try { setTimeout = null; } catch (e) { }
                try { console = null; } catch (e) { }
                return 1;
                """);
        assertThat(ssf.run("await new Promise(r => setTimeout(r, 1)); console.log('still here'); return 'ok';")).isEqualTo("ok");
    }

    @Test
    void queueMicrotaskRunsBeforeTimers() {
        Object value = ssf.run("""
                const order = [];
                setTimeout(() => order.push('timer'), 0);
                queueMicrotask(() => order.push('microtask'));
                order.push('sync');
                await new Promise(r => setTimeout(r, 5));
                return order;
                """);
        assertThat(value).isEqualTo(List.of("sync", "microtask", "timer"));
    }

    @Test
    void consoleGoesToTheLogTaggedWithThePathAndIsCapped() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.vakt.ssf");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        try {
            String path = ssf.code("""
                    function chatty() {
                      console.log("hello", { a: 1 }, [1, 2], 3, undefined, null);
                      console.error("bad", new Error("oops").message);
                      console.warn("careful");
                      for (let i = 0; i < 10; i++) console.info("line", i);
                      return 1;
                    }
                    return { chatty };
                    """);
            ssf.value(path, "chatty");
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).containsExactly(
                    "[ssf " + path + "] hello {\"a\":1} [1,2] 3 undefined null",
                    "[ssf " + path + "] bad oops",
                    "[ssf " + path + "] careful",
                    "[ssf " + path + "] line 0",
                    "[ssf " + path + "] line 1",
                    "[ssf " + path + "] … 8 more console lines suppressed (limit ssf.maxConsoleLinesPerCall is 5)");
            assertThat(appender.list.get(1).getLevel()).isEqualTo(Level.ERROR);
            assertThat(appender.list.get(2).getLevel()).isEqualTo(Level.WARN);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
    }

    @Test
    void fetchIsRefusedWhenDisabled() {
        ScriptFailure failure = ssf.failureOf("await fetch('http://127.0.0.1:9/x');");
        assertThat(failure.uri()).isEqualTo("wamp.error.not_authorized");
        assertThat(failure.getMessage()).isEqualTo("fetch to 127.0.0.1:9 is not allowed: add it to ssf.fetch.allowedHosts");
    }

    @Test
    void fetchReachesAnAllowedHostOnly() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data", exchange -> {
            byte[] body = ("{\"method\":\"" + exchange.getRequestMethod() + "\",\"header\":\""
                    + exchange.getRequestHeaders().getFirst("X-Test") + "\",\"body\":\""
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) { out.write(body); }
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://example.com/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) { out.write(new byte[64 * 1024]); }
        });
        server.start();
        int port = server.getAddress().getPort();
        String base = "http://127.0.0.1:" + port;
        FetchPolicy policy = new FetchPolicy(List.of("127.0.0.1:" + port), Duration.ofSeconds(5), 16 * 1024);
        try (SsfFixture allowed = new SsfFixture().start(new SsfConfig(1, 1, 10, Duration.ofSeconds(5),
                Duration.ofSeconds(10), 64L << 20, 0, 65536, 5, policy))) {
            Object value = allowed.run("""
                    const get = await fetch('%1$s/data');
                    const post = await fetch('%1$s/data', { method: 'post', headers: { 'X-Test': 'yes' }, body: 'hello' });
                    const moved = await fetch('%1$s/moved');
                    return { ok: get.ok, status: get.status, statusText: get.statusText,
                             type: get.headers.get('CONTENT-TYPE'), missing: get.headers.get('x-nope'),
                             json: await get.json(), post: JSON.parse(await post.text()),
                             moved: [moved.status, moved.ok, moved.headers.get('location')] };
                    """.formatted(base));
            Map<?, ?> result = (Map<?, ?>) value;
            assertThat(result.get("ok")).isEqualTo(true);
            assertThat(result.get("status")).isEqualTo(200);
            assertThat(result.get("statusText")).isEqualTo("OK");
            assertThat(result.get("type")).isEqualTo("application/json; charset=utf-8");
            assertThat(result.containsKey("missing")).isTrue();
            assertThat(result.get("missing")).isNull();
            assertThat(result.get("json")).isEqualTo(Map.of("method", "GET", "header", "null", "body", ""));
            assertThat(result.get("post")).isEqualTo(Map.of("method", "POST", "header", "yes", "body", "hello"));
            assertThat(result.get("moved")).as("redirects are not followed").isEqualTo(List.of(302, false, "http://example.com/"));

            ScriptFailure other = allowed.failureOf("await fetch('http://example.com/');");
            assertThat(other.uri()).isEqualTo("wamp.error.not_authorized");
            assertThat(other.getMessage()).isEqualTo("fetch to example.com is not allowed: add it to ssf.fetch.allowedHosts");
            assertThat(allowed.failureOf("await fetch('file:///etc/passwd');").getMessage())
                    .isEqualTo("fetch supports http and https URLs only, not \"file:///etc/passwd\"");
            assertThat(allowed.failureOf("await fetch('" + base + "/big');").getMessage())
                    .isEqualTo("the response from 127.0.0.1:" + port + " is larger than 16 KiB (limit ssf.fetch.maxResponseSize)");
        } finally {
            server.stop(0);
        }
    }
}
