package io.vakt.it.web;

import io.vakt.it.proxy.Nginx;
import io.vakt.it.proxy.ProxyPrerequisites;
import io.vakt.it.web.WebRuntimePage.Row;
import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.vakt.it.web.WebRuntimePage.nodeRoute;
import static io.vakt.it.web.WebRuntimePage.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web runtime behind a real nginx that refuses WebSocket upgrades ({@link Nginx#NO_UPGRADE}: Vakt answers every
 * upgrade 426): the live connection switches to GraphQL over Server-Sent Events and the WAMP session to long-poll, so
 * the view turns live, values change, a ServerSideFunction button answers, and the bar says it uses the fallback.
 * The diagnostics page names the stripped Upgrade header. Then nginx is reconfigured with the seed page's
 * configuration and the runtime moves back to WebSockets while values keep flowing. One server, one nginx and one
 * browser for the class; the browser's own messages about the refused WebSockets are expected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserWatcher.class)
class FallbackBrowserIT implements BrowserWatcher.BrowserTest {
    /** Two refused upgrades (back-off under a second), a health check, then the fallback: a few seconds at most. */
    private static final Duration FALLBACK_WITHIN = Duration.ofSeconds(10);
    /** The background WebSocket try comes every 60 s ± 10 s. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(90);

    private Path dataDir;
    private Path nginxDir;
    private Nginx nginx;
    private EmbeddedServer server;
    private Browser browser;
    private Browser.DownWindow blocked;
    private WebRuntimePage page;

    @BeforeAll
    void startServerProxyAndBrowser() throws IOException {
        Browser.assumeInstalledOrFailWhenRequired();
        ProxyPrerequisites.assumeNginx();
        int vaktPort = freeLoopbackPort();
        nginxDir = Files.createTempDirectory("vakt-fallback-nginx-");
        nginx = Nginx.start(nginxDir, Nginx.NO_UPGRADE, vaktPort);
        dataDir = Demo.dataDirWithGuest();
        // no webSocket.allowedOrigins: the seed configuration, reconfigured later, must work for browsers as it is
        server = EmbeddedServer.builder().driverSetting("simulator", "unreachableChance", "0").dataDir(dataDir)
                .port(vaktPort).start();
        browser = Browser.start();
        blocked = browser.webSocketsBlocked(nginx.baseUrl());
        page = new WebRuntimePage(browser, nginx.baseUrl());
    }

    @AfterAll
    void stopEverything() {
        try {
            if (blocked != null) blocked.close();
            if (browser != null) browser.close();
        } finally {
            try {
                if (nginx != null) nginx.close();
            } finally {
                try {
                    if (server != null) server.close();
                } finally {
                    Demo.delete(dataDir);
                    Demo.delete(nginxDir);
                }
            }
        }
    }

    @BeforeEach
    void newVisitor() {
        page.forgetSession();
    }

    @Override
    public Browser browserUnderTest() { return browser; }

    @Test
    @Order(1)
    void liveValuesAndFunctionCallsWorkOverTheFallbackAndTheBarSaysSo() {
        page.open("");
        page.logIn(Demo.ADMIN, Demo.ADMIN_PASSWORD);
        page.open(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW));
        page.awaitView(Demo.AHU_VIEW);
        page.awaitAllNormal(FALLBACK_WITHIN, "every bound element live over the HTTP fallback; nginx error log: "
                + nginx.errorLogText());
        assertThat(page.pendingBoxes().boxes()).as("yellow boxes once live").isZero();

        browser.await(WebRuntimePage.UI, "#connection-bar[data-transport=fallback] shown", () ->
                page.connectionTransport().equals("fallback") && browser.displayed("#connection-bar"));
        assertThat(page.bodyTransport()).as("body[data-transport]").isEqualTo("fallback");
        assertThat(browser.find("#connection-bar").getDomAttribute("data-state")).as("data-state over the fallback")
                .isEqualTo("online");
        assertThat(page.bodyConnection()).as("body[data-connection]").isEqualTo("online");
        assertThat(page.connectionBarText()).as("the bar's notice")
                .contains("HTTP streaming").contains("WebSockets are blocked");
        assertThat(browser.find("#connection-bar a[href=\"#/diagnostics\"]").isDisplayed())
                .as("the bar links the diagnostics page").isTrue();

        // a function call over WAMP long-poll: progress, then the result
        WebElement button = browser.await(WebRuntimePage.UI, "the Run self-check button", () ->
                page.inView("[data-vakt-call=\"slowSum\"]"));
        page.recordNotices();
        try {
            button.click();
        } catch (ElementClickInterceptedException coveredByTheBar) {
            button.sendKeys(Keys.ENTER);
        }
        browser.await(Duration.ofSeconds(15), () -> "the self-check's result notice (seen: " + page.recordedNotices() + ")",
                () -> page.recordedNotices().stream().anyMatch(n -> n.startsWith("ok:") && n.contains("sum")));
        assertThat(page.recordedNotices()).as("notices of the self-check over long-poll")
                .anySatisfy(n -> assertThat(n).startsWith("progress:"));

        // a value changes while on the fallback
        browser.script("location.hash = arguments[0];", nodeRoute(Demo.LANDSKRONA, Demo.SYSTEM_AIR));
        page.awaitList(Demo.SYSTEM_AIR);
        double before = number(awaitNormalSecond());
        browser.await(Duration.ofSeconds(5), "\"Second\" to change over the fallback", () ->
                number(page.row("Second").value()) != before);
        DocsScreenshots.save(browser, "fallback-bar.png");
    }

    @Test
    @Order(2)
    void diagnosticsNameTheStrippedUpgradeHeader() {
        page.open("");
        page.logIn(Demo.ADMIN, Demo.ADMIN_PASSWORD);
        page.open("#/diagnostics");
        browser.awaitDisplayed("section#diagnostics", WebRuntimePage.UI);
        browser.await(WebRuntimePage.UI, "#diagnostics-server filled from /arrigo/api/diagnostics", () ->
                browser.find("#diagnostics-server").getText().contains("127.0.0.1"));
        assertThat(browser.find("#diagnostics-server").getText()).as("what the server saw")
                .contains("X-Forwarded-For").contains("trusted proxy");
        // the fallback notice sits at the bottom of the window: bring the button to the middle first
        WebElement test = browser.find("button#diagnostics-test");
        browser.script("arguments[0].scrollIntoView({block: 'center'});", test);
        test.click();
        String conclusion = browser.await(Duration.ofSeconds(30), "a conclusion after the test", () -> {
            String text = browser.find("#diagnostics-conclusion").getText().trim();
            return text.isEmpty() ? null : text;
        });
        assertThat(conclusion).as("the diagnostics' conclusion behind NO_UPGRADE")
                .startsWith("Your proxy removes the Upgrade header").contains("Upgrade $http_upgrade");
        String probes = browser.find(".test-results").getText();
        assertThat(probes).as("the probe results")
                .contains("GraphQL WebSocket: failed").contains("WAMP WebSocket: failed")
                .contains("GraphQL over HTTP event stream: works").contains("WAMP over HTTP long-poll: works")
                .contains("no-upgrade-header");
        assertThat(browser.findAll("#diagnostics-upgrades tr[data-test=\"true\"][data-outcome=\"no-upgrade-header\"]"))
                .as("the server's records of this test's upgrades").hasSizeGreaterThanOrEqualTo(2);
        DocsScreenshots.save(browser, "diagnostics-fallback.png");
    }

    @Test
    @Order(3)
    void movesBackToWebSocketsOnceTheProxyPassesThem() {
        page.open("");
        page.logIn(Demo.ADMIN, Demo.ADMIN_PASSWORD);
        page.open(nodeRoute(Demo.LANDSKRONA, Demo.SYSTEM_AIR));
        page.awaitList(Demo.SYSTEM_AIR);
        browser.await(FALLBACK_WITHIN, "the fallback in use", () -> page.connectionTransport().equals("fallback"));
        awaitNormalSecond();
        browser.script("window.__vaktMarker = 'no reload';");

        nginx.reconfigure(Nginx.SEED);
        browser.await(BACK_WITHIN, "#connection-bar[data-transport=websocket] after the proxy passes upgrades", () ->
                page.connectionTransport().equals("websocket"));
        assertThat(page.bodyTransport()).as("body[data-transport] back on the WebSocket").isEqualTo("websocket");
        browser.await(WebRuntimePage.UI, "#connection-bar hidden once back on WebSockets", () ->
                page.connectionBar().equals("hidden"));
        double before = number(awaitNormalSecond());
        browser.await(Duration.ofSeconds(5), "\"Second\" still changing over the WebSocket", () ->
                number(page.row("Second").value()) != before);
        assertThat(browser.<String>script("return window.__vaktMarker;")).as("the page was not reloaded").isEqualTo("no reload");
    }

    private String awaitNormalSecond() {
        return browser.await(Duration.ofSeconds(10), () -> "the row \"Second\" normal and fresh; a health request now: "
                + healthNow() + "; the proxy's last requests:\n" + proxyRequests(), () -> {
            Row row = page.rowOrNull("Second");
            return row != null && row.state().equals("normal") && !row.stale().equals("true")
                    && WebRuntimePage.hasNumber(row.value()) ? row.value() : null;
        });
    }

    /** Whether the page can make a plain request now (a browser whose connections to the host are all taken cannot). */
    private String healthNow() {
        try {
            Object answer = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; const started = performance.now();"
                    + " fetch('/arrigo/api/health', { cache: 'no-store', signal: AbortSignal.timeout(3000) })"
                    + " .then(r => done('HTTP ' + r.status + ' in ' + Math.round(performance.now() - started) + ' ms'),"
                    + " e => done('failed: ' + e));");
            return String.valueOf(answer);
        } catch (RuntimeException e) {
            return "(could not ask: " + e.getMessage() + ")";
        }
    }

    /** The end of nginx's access log, for failure messages: which fallback requests went through, and how they ended. */
    private String proxyRequests() {
        try {
            List<String> lines = Files.readAllLines(nginx.accessLog());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no access log: " + e + ")";
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
