package io.vakt.it.web;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * One headless Debian Chromium driven by Debian's chromedriver (STACK.md §5). Both are found on the machine
 * (never downloaded: the service and the binary are named, so Selenium Manager is not asked). The browser's
 * console is collected for {@link #consoleErrors()}; {@link #serverDown} marks the time in which a test stopped
 * the server on purpose, so the browser's own connection errors in that time are expected.
 */
final class Browser implements AutoCloseable {
    static final String REQUIRED_PROPERTY = "vakt.it.required";
    static final Dimension DESKTOP = new Dimension(1280, 900);
    /** A phone's CSS viewport. */
    static final Dimension PHONE = new Dimension(360, 740);
    private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1280,900");

    private final ChromeDriver driver;
    private final List<LogEntry> console = new ArrayList<>();
    private final List<DownWindow> downWindows = new CopyOnWriteArrayList<>();

    private Browser(ChromeDriver driver) { this.driver = driver; }

    /** The driver and browser executables this machine has. */
    record Installation(Path chromedriver, Path chromium) {}

    /**
     * Skips the calling test when Chromium or chromedriver is missing, or fails it when
     * {@code vakt.it.required=true} (VAKT_IT_REQUIRED=1, as on CI: .ci/run installs them).
     */
    static Installation assumeInstalledOrFailWhenRequired() {
        Optional<Path> chromedriver = executable("vakt.it.chromedriver", "/usr/bin/chromedriver", "chromedriver");
        Optional<Path> chromium = executable("vakt.it.chromium", "/usr/bin/chromium", "chromium", "chromium-browser");
        if (chromedriver.isPresent() && chromium.isPresent()) return new Installation(chromedriver.get(), chromium.get());
        String message = "The browser tests need Debian's " + (chromium.isEmpty() ? "chromium" : "")
                + (chromium.isEmpty() && chromedriver.isEmpty() ? " and " : "")
                + (chromedriver.isEmpty() ? "chromedriver" : "")
                + " (apt-get install chromium chromium-driver; or name them with -Dvakt.it.chromium=<path> and"
                + " -Dvakt.it.chromedriver=<path>); Selenium Manager is never asked to download one";
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            Assertions.fail(message + "; failing because " + REQUIRED_PROPERTY + "=true (VAKT_IT_REQUIRED=1)");
        }
        Assumptions.abort(message + "; skipped (set VAKT_IT_REQUIRED=1 to make this a failure)");
        throw new AssertionError("unreachable");
    }

    /** The path in the system property, else the Debian path, else the first of the names on the PATH. */
    private static Optional<Path> executable(String property, String debianPath, String... names) {
        String configured = System.getProperty(property, "");
        if (!configured.isBlank()) return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        if (Files.isExecutable(Path.of(debianPath))) return Optional.of(Path.of(debianPath));
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isBlank())
                .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
    }

    static Browser start() {
        Installation installed = assumeInstalledOrFailWhenRequired();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installed.chromium().toFile());
        options.addArguments(FLAGS);
        // console messages of every level, read through the driver's log endpoint
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(installed.chromedriver().toFile())
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(15));
        Browser browser = new Browser(driver);
        browser.resize(DESKTOP);
        return browser;
    }

    ChromeDriver driver() { return driver; }

    void open(String url) { driver.get(url); }

    void reload() { driver.navigate().refresh(); }

    String currentUrl() { return driver.getCurrentUrl(); }

    /** The part after {@code #}, or "" when the URL has none. */
    String hash() {
        String url = currentUrl();
        int at = url.indexOf('#');
        return at < 0 ? "" : url.substring(at);
    }

    /** The window's outer size (headless Chromium keeps ~140 px of it for its invisible toolbars). */
    void resize(Dimension size) { driver.manage().window().setSize(size); }

    /** Sizes the window so that the page's viewport ({@code innerWidth × innerHeight}) is exactly {@code size}. */
    void resizeViewport(Dimension size) {
        resize(size);
        List<Number> inner = script("return [window.innerWidth, window.innerHeight];");
        int width = size.width + size.width - inner.get(0).intValue();
        int height = size.height + size.height - inner.get(1).intValue();
        resize(new Dimension(width, height));
    }

    @SuppressWarnings("unchecked")
    <T> T script(String javascript, Object... args) {
        return (T) ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    WebElement find(String css) { return driver.findElement(By.cssSelector(css)); }

    List<WebElement> findAll(String css) { return driver.findElements(By.cssSelector(css)); }

    boolean exists(String css) { return !findAll(css).isEmpty(); }

    /** Whether an element matching this selector is on the page and displayed. */
    boolean displayed(String css) {
        try {
            return findAll(css).stream().anyMatch(WebElement::isDisplayed);
        } catch (StaleElementReferenceException e) {
            return false;
        }
    }

    /** The open shadow root of the view on the page ({@code div.view}), where the drawing lives. */
    SearchContext viewShadow() { return find("div.view").getShadowRoot(); }

    /**
     * Waits up to {@code timeout} for {@code condition} to give a non-null, non-false value and returns it. Elements
     * that vanish or are replaced while the page renders count as "not yet".
     */
    <T> T await(Duration timeout, String what, Supplier<T> condition) {
        return await(timeout, () -> what, condition);
    }

    /** As {@link #await(Duration, String, Supplier)}, with a message made when the wait failed (saying what was seen). */
    <T> T await(Duration timeout, Supplier<String> what, Supplier<T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
        wait.ignoring(NoSuchElementException.class).ignoring(StaleElementReferenceException.class);
        wait.withMessage(() -> what.get() + " (url " + currentUrl() + ")");
        return wait.until(ignored -> {
            T value = condition.get();
            return Boolean.FALSE.equals(value) ? null : value;
        });
    }

    WebElement awaitDisplayed(String css, Duration timeout) {
        return await(timeout, "an element " + css + " displayed", () ->
                findAll(css).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /**
     * Lets transitions end (a tree chevron turning, a menu sliding in), at most 2 s, so a picture shows the settled
     * screen; an endless animation (a spinner) is simply photographed.
     */
    void awaitAnimationsEnd() {
        try {
            await(Duration.ofSeconds(2), "animations to end", () ->
                    this.<Boolean>script("return document.getAnimations().every(a => a.playState !== 'running');"));
        } catch (org.openqa.selenium.TimeoutException endless) {
            // photograph it anyway
        }
    }

    /** A PNG of the viewport, written to {@code file} (its folder is created). */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Marks a stretch of time in which the server at {@code origin} (e.g. {@code http://127.0.0.1:8080}) is down on
     * purpose: the browser's own messages about refused connections to it are expected then. Close it once the
     * page is back online.
     */
    DownWindow serverDown(String origin) {
        collectConsole();
        DownWindow window = new DownWindow(origin, System.currentTimeMillis());
        downWindows.add(window);
        return window;
    }

    /**
     * Marks a stretch of time in which a proxy at {@code origin} refuses WebSocket upgrades on purpose (the fallback
     * tests): the browser's own "WebSocket connection to … failed" messages about it are expected then. The same
     * window as {@link #serverDown}, whose excuses cover exactly those messages.
     */
    DownWindow webSocketsBlocked(String origin) { return serverDown(origin); }

    /** See {@link #serverDown}. */
    final class DownWindow implements AutoCloseable {
        private final String httpOrigin;
        private final String wsOrigin;
        private final long from;
        private volatile long until = Long.MAX_VALUE;

        private DownWindow(String origin, long from) {
            this.httpOrigin = origin;
            this.wsOrigin = origin.replaceFirst("^http", "ws");
            this.from = from;
        }

        /**
         * Only the browser's network errors naming this server: a refused connection for a request, or a
         * WebSocket that could not be opened.
         */
        boolean excuses(LogEntry entry) {
            if (entry.getTimestamp() < from || entry.getTimestamp() > until) return false;
            String message = entry.getMessage();
            boolean namesServer = message.contains(httpOrigin) || message.contains(wsOrigin);
            boolean refused = message.contains("net::ERR_CONNECTION_REFUSED")
                    || (message.contains("WebSocket connection to") && message.contains("failed"));
            return namesServer && refused;
        }

        @Override
        public void close() {
            collectConsole();
            until = System.currentTimeMillis();
            long excused;
            synchronized (Browser.this) {
                excused = console.stream().filter(this::excuses).count();
            }
            System.out.printf("Browser: %d console error(s) about %s expected while it was down%n", excused, httpOrigin);
        }
    }

    /** Moves the browser's new console messages into this object's list (the driver hands each out once). */
    synchronized void collectConsole() {
        try {
            console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        } catch (NoSuchSessionException e) {
            // the browser is gone: nothing more to read (any other failure must not hide console errors)
        }
    }

    /** Forgets the console messages so far (e.g. of the page a test cleared before it starts). */
    synchronized void discardConsole() {
        collectConsole();
        console.clear();
    }

    /** SEVERE console messages since the last {@link #takeConsoleErrors()}, less those a down window excuses. */
    synchronized List<LogEntry> takeConsoleErrors() {
        collectConsole();
        List<LogEntry> errors = consoleErrors();
        console.clear();
        return errors;
    }

    synchronized List<LogEntry> consoleErrors() {
        collectConsole();
        return console.stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(entry -> downWindows.stream().noneMatch(window -> window.excuses(entry)))
                .toList();
    }

    /** Every console message so far, for failure messages. */
    synchronized List<LogEntry> console() {
        collectConsole();
        return List.copyOf(console);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } catch (WebDriverException e) {
            // already gone
        }
    }
}
