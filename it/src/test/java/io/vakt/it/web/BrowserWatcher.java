package io.vakt.it.web;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.logging.LogEntry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * For every test of a {@link BrowserTest} class, pass or fail: saves a screenshot of its browser to
 * {@code it/target/screenshots/<TestClass>/<testName>.png}, then fails the test when the browser's console
 * logged an error (a SEVERE entry) while it ran — except the browser's own connection errors while the test had
 * stopped the server on purpose ({@link Browser#serverDown}). Runs before {@code @AfterEach}, so the browser
 * and server are still there.
 */
final class BrowserWatcher implements BeforeTestExecutionCallback, AfterTestExecutionCallback {
    static final String SCREENSHOT_DIR_PROPERTY = "vakt.it.screenshots.dir";

    /** A test class whose tests drive a browser. */
    interface BrowserTest {
        /** The browser the current test drives, or null if it has none (yet). */
        Browser browserUnderTest();
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        Browser browser = browserOf(context);
        // messages of the page a @BeforeEach left behind belong to no test
        if (browser != null) browser.discardConsole();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Browser browser = browserOf(context);
        if (browser == null) return;
        Path file = screenshotFile(context.getRequiredTestClass(), context.getRequiredTestMethod().getName());
        try {
            browser.screenshot(file);
        } catch (RuntimeException e) {
            System.err.println("could not save the screenshot " + file + ": " + e);
        }
        List<LogEntry> errors = browser.takeConsoleErrors();
        if (!errors.isEmpty()) {
            throw new AssertionError("The browser's console logged " + errors.size() + " error(s) during "
                    + context.getDisplayName() + ":\n" + describe(errors));
        }
    }

    /** {@code it/target/screenshots/<TestClass>/<name>.png}, also for a test's extra pictures of a moment. */
    static Path screenshotFile(Class<?> testClass, String name) {
        return Path.of(System.getProperty(SCREENSHOT_DIR_PROPERTY, "target/screenshots"))
                .resolve(testClass.getSimpleName()).resolve(name + ".png");
    }

    static String describe(List<LogEntry> entries) {
        return entries.stream()
                .map(entry -> "  " + Instant.ofEpochMilli(entry.getTimestamp()) + " " + entry.getLevel() + " " + entry.getMessage())
                .collect(Collectors.joining("\n"));
    }

    private static Browser browserOf(ExtensionContext context) {
        return context.getTestInstance()
                .filter(BrowserTest.class::isInstance)
                .map(instance -> ((BrowserTest) instance).browserUnderTest())
                .orElse(null);
    }
}
