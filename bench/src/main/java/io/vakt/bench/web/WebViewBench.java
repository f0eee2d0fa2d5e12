package io.vakt.bench.web;

import io.vakt.core.path.NodePaths;
import io.vakt.testkit.EmbeddedServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How fast the web runtime puts values on screen (BENCHMARKS.md "Web runtime"): a real headless Chromium against
 * the demo building on loopback. Two measurements, each repeated:
 * <ul>
 *   <li><b>cold</b>: reload the page on a deep link to a view, timed from the browser's navigation start (modules,
 *   token check, GraphQL queries, both WebSockets, subscription) until the view shows and no bound element is
 *   pending;</li>
 *   <li><b>switch</b>: navigate inside the running page between two views, timed from the hash change until the
 *   new view has no pending element (the sockets are open already).</li>
 * </ul>
 * The times are taken inside the page ({@code performance.now()}), polled every 5 ms. The simulator ticks every
 * second, so a point nobody watched before can be pending for up to one tick: the switch figures show that tick.
 *
 * <pre>./vakt bench web-views [--rounds 20]</pre>
 */
public final class WebViewBench {
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration VALUES_LIMIT = Duration.ofSeconds(20);
    /**
     * Resolves with performance.now() once div.view's drawing has bound elements and none is pending; the
     * argument is the time to count from (0 = navigation start).
     */
    private static final String UNTIL_NO_PENDING = """
            const from = arguments[0], done = arguments[arguments.length - 1];
            const limit = performance.now() + %d;
            (function poll() {
              const view = document.querySelector('div.view');
              const root = view && view.shadowRoot;
              const bound = root ? root.querySelectorAll('[data-vakt-advise]') : [];
              const pending = root ? root.querySelectorAll('[data-vakt-advise][data-live-state="pending"]') : [];
              if (bound.length > 0 && pending.length === 0) return done(performance.now() - from);
              if (performance.now() > limit) return done(-1);
              setTimeout(poll, 5);
            })();
            """.formatted(VALUES_LIMIT.toMillis());

    private WebViewBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = 20;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("web-views")) continue;
            if (args[i].equals("--rounds") && i + 1 < args.length) {
                rounds = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: ./vakt bench web-views [--rounds N]");
                System.exit(2);
            }
        }
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            System.err.println("bench: needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
            System.exit(2);
        }
        run(Math.max(1, rounds));
        System.exit(0);
    }

    private static void run(int rounds) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().accessTokenLifetime(Duration.ofHours(2)).start()) {
            ChromeDriver driver = browser();
            try {
                String ahu = viewUrl(server, "Landskrona.Ventilation", "Landskrona.Ventilation.Overview.File");
                String rooms = viewUrl(server, "Landskrona.Floor1", "Landskrona.Floor1.Overview.File");
                logIn(driver, server, ahu);
                System.err.printf("bench: web-views, %d rounds, Chromium headless against the demo on %s%n",
                        rounds, server.baseUrl());
                List<Double> cold = new ArrayList<>();
                List<Double> switches = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    driver.navigate().refresh();
                    cold.add(waitForValues(driver, 0));
                    for (String target : List.of(rooms, ahu)) {
                        double start = ((Number) driver.executeScript(
                                "const t = performance.now(); location.href = arguments[0]; return t;", target)).doubleValue();
                        switches.add(waitForValues(driver, start));
                    }
                    System.err.printf("bench: round %d/%d: cold %.0f ms%n", round + 1, rounds, cold.getLast());
                }
                report("cold page load to all values", cold);
                report("view switch to all values", switches);
                transferred(driver);
            } finally {
                driver.quit();
            }
        }
    }

    private static String viewUrl(EmbeddedServer server, String folder, String node) {
        return server.baseUrl() + "/arrigo/#/" + URLEncoder.encode(NodePaths.encode(folder), StandardCharsets.UTF_8)
                + "/" + URLEncoder.encode(NodePaths.encode(node), StandardCharsets.UTF_8);
    }

    private static ChromeDriver browser() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900");
        return new ChromeDriver(service, options);
    }

    private static void logIn(ChromeDriver driver, EmbeddedServer server, String target) {
        driver.get(target);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-username")))
                .sendKeys(EmbeddedServer.ADMIN);
        driver.findElement(By.id("login-password")).sendKeys(EmbeddedServer.ADMIN_PASSWORD);
        driver.findElement(By.id("login-submit")).click();
        waitForValues(driver, 0);
    }

    private static double waitForValues(ChromeDriver driver, double from) {
        driver.manage().timeouts().scriptTimeout(VALUES_LIMIT.plusSeconds(5));
        double millis = ((Number) ((JavascriptExecutor) driver).executeAsyncScript(UNTIL_NO_PENDING, from)).doubleValue();
        if (millis < 0) throw new IllegalStateException("the view still had pending elements after " + VALUES_LIMIT);
        return millis;
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("%-30s n=%d  p50 %.0f ms  p90 %.0f ms  max %.0f ms%n", what, sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.90), sorted.getLast());
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** What a reload costs on the wire: the page's own files, revalidated (304) on every load: count and bytes transferred. */
    @SuppressWarnings("unchecked")
    private static void transferred(ChromeDriver driver) {
        List<Map<String, Object>> entries = (List<Map<String, Object>>) driver.executeScript("""
                return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                  .filter(e => new URL(e.name).pathname.startsWith('/arrigo/') && !new URL(e.name).pathname.startsWith('/arrigo/api'))
                  .map(e => ({name: new URL(e.name).pathname, bytes: e.transferSize}));""");
        long bytes = entries.stream().mapToLong(e -> ((Number) e.get("bytes")).longValue()).sum();
        System.out.printf("%-30s %d files, %.1f KiB transferred (revalidated)%n", "runtime files on a reload", entries.size(), bytes / 1024.0);
    }
}
