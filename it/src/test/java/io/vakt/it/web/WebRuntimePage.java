package io.vakt.it.web;

import org.openqa.selenium.WebElement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web runtime's DOM contract (docs/web-runtime.md) as the tests use it: every selector the tests rely on is
 * named here once, so a change of the contract is a change of this class.
 */
final class WebRuntimePage {
    static final Duration UI = Duration.ofSeconds(10);
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:[.,]\\d+)?");

    /** What the tests read of every bound element in one go (one script instead of a round trip per attribute). */
    private static final String READ_BOUND = """
            const view = document.querySelector('div.view');
            if (!view || !view.shadowRoot) return null;
            return [...view.shadowRoot.querySelectorAll('[data-vakt-advise]')].map(e => ({
              advise: e.getAttribute('data-vakt-advise'), bind: e.getAttribute('data-vakt-bind') || '',
              state: e.getAttribute('data-live-state') || '', stale: e.getAttribute('data-stale') || '',
              text: (e.textContent || '').trim(), classes: e.getAttribute('class') || '',
              role: e.getAttribute('role') || '', title: e.getAttribute('title') || ''}));
            """;
    private static final String READ_ROWS = """
            const table = document.querySelector('table.pvl');
            if (!table) return null;
            const text = (row, css) => { const c = row.querySelector(css); return c ? c.textContent.trim() : null; };
            // td.title may show the entry's description on a second line: the title is its first line
            const firstLine = (row, css) => { const c = row.querySelector(css); return c ? c.innerText.trim().split('\\n')[0].trim() : null; };
            return [...table.querySelectorAll('tbody tr')].map(r => {
              const value = r.querySelector('td.value');
              const write = r.querySelector('button.write');
              return { advise: r.getAttribute('data-advise') || '', title: firstLine(r, 'td.title'),
                value: text(r, 'td.value'), unit: text(r, 'td.unit'), type: text(r, 'td.type'),
                time: text(r, 'td.time'), state: value ? value.getAttribute('data-live-state') || '' : '',
                stale: value ? value.getAttribute('data-stale') || '' : '',
                write: write ? write.getAttribute('aria-label') || '' : null };
            });
            """;

    private final Browser browser;
    private final String baseUrl;

    WebRuntimePage(Browser browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    Browser browser() { return browser; }

    /** {@code #/<folderId>} with the id URL-encoded, as the router writes it. */
    static String folderRoute(String folderId) { return "#/" + encode(folderId); }

    static String nodeRoute(String folderId, String nodePath) { return folderRoute(folderId) + "/" + encode(nodePath); }

    private static String encode(String base64) { return URLEncoder.encode(base64, StandardCharsets.UTF_8); }

    /** Loads the runtime's page with this route (e.g. {@code #/login}); "" for the start page. */
    void open(String route) { browser.open(baseUrl + "/arrigo/" + route); }

    /**
     * Forgets any login: loads a page of the same origin that is not the runtime, clears its storage and cookies.
     * The next {@link #open} starts the runtime as a new visitor would.
     */
    void forgetSession() {
        browser.open(baseUrl + "/arrigo/api/version-of-nothing");
        browser.script("try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}");
        browser.driver().manage().deleteAllCookies();
    }

    // ---- login and shell

    WebElement awaitLoginForm() { return browser.awaitDisplayed("form#login-form", UI); }

    boolean loginFormShown() { return browser.displayed("form#login-form"); }

    /** Fills and submits the login form on the page, then waits for the shell to show the user. */
    void logIn(String user, String password) {
        awaitLoginForm();
        WebElement name = browser.find("input#login-username");
        name.clear();
        name.sendKeys(user);
        WebElement secret = browser.find("input#login-password");
        secret.clear();
        secret.sendKeys(password);
        browser.find("button#login-submit").click();
        browser.await(UI, "#user-name showing " + user + " after login", () ->
                browser.displayed("#user-name") && browser.find("#user-name").getText().contains(user));
    }

    void fillLogin(String user, String password) {
        awaitLoginForm();
        browser.find("input#login-username").sendKeys(user);
        browser.find("input#login-password").sendKeys(password);
    }

    WebElement treeLink(String folderId) {
        return browser.await(UI, "nav#area-tree a[data-folder-id=\"" + folderId + "\"]", () ->
                browser.find("nav#area-tree a[data-folder-id=\"" + folderId + "\"]"));
    }

    WebElement folderEntry(String nodePath) {
        return browser.await(UI, "section#folder a[data-node-path=\"" + nodePath + "\"]", () ->
                browser.find("section#folder a[data-node-path=\"" + nodePath + "\"]"));
    }

    void logOut() { browser.find("button#logout").click(); }

    // ---- views

    /** Waits until the view is on the page with its drawing's bound elements, and returns them. */
    List<Bound> awaitView(String nodePath) {
        browser.await(UI, "div.view[data-node-path=\"" + nodePath + "\"]", () ->
                browser.exists("div.view[data-node-path=\"" + nodePath + "\"]"));
        return browser.await(UI, "bound elements ([data-vakt-advise]) in the view's shadow root", () -> {
            List<Bound> bound = boundElements();
            return bound.isEmpty() ? null : bound;
        });
    }

    /** Every bound element of the view on the page (empty when there is none). */
    List<Bound> boundElements() {
        List<Map<String, Object>> raw = browser.script(READ_BOUND);
        if (raw == null) return List.of();
        return raw.stream().map(Bound::of).toList();
    }

    Bound bound(String bind) {
        return boundElements().stream().filter(b -> b.bind().equals(bind)).findFirst()
                .orElseThrow(() -> new AssertionError("no bound element [data-vakt-bind=\"" + bind + "\"] in the view"));
    }

    /** Waits until every bound element of the view is normal (and not stale); says which were not when it fails. */
    List<Bound> awaitAllNormal(Duration timeout, String what) {
        return browser.await(timeout, () -> what + "; not normal: " + boundElements().stream()
                .filter(b -> !b.state().equals("normal") || b.staleShown()).toList(), () -> {
            List<Bound> now = boundElements();
            return !now.isEmpty() && now.stream().allMatch(b -> b.state().equals("normal") && !b.staleShown()) ? now : null;
        });
    }

    /** How many bound elements are pending and how many yellow boxes are drawn, read in one go (one frame). */
    record PendingBoxes(long pending, long boxes) {}

    PendingBoxes pendingBoxes() {
        List<Number> counts = browser.script("""
                const view = document.querySelector('div.view');
                if (!view || !view.shadowRoot) return [0, 0];
                return [view.shadowRoot.querySelectorAll('[data-vakt-advise][data-live-state="pending"]').length,
                        view.shadowRoot.querySelectorAll('rect.vakt-pending-box').length];""");
        return new PendingBoxes(counts.get(0).longValue(), counts.get(1).longValue());
    }

    /** The element in the view's shadow root matching this selector. */
    WebElement inView(String css) { return browser.viewShadow().findElement(org.openqa.selenium.By.cssSelector(css)); }

    List<WebElement> allInView(String css) { return browser.viewShadow().findElements(org.openqa.selenium.By.cssSelector(css)); }

    /** One bound element as the page shows it. */
    record Bound(String advise, String bind, String state, String stale, String text, String classes, String role,
                 String title) {
        static Bound of(Map<String, Object> raw) {
            return new Bound(s(raw, "advise"), s(raw, "bind"), s(raw, "state"), s(raw, "stale"), s(raw, "text"),
                    s(raw, "classes"), s(raw, "role"), s(raw, "title"));
        }

        boolean pending() { return state.equals("pending"); }

        boolean staleShown() { return stale.equals("true"); }

        boolean hasClass(String name) { return List.of(classes.split("\\s+")).contains(name); }
    }

    // ---- lists

    WebElement awaitList(String nodePath) {
        return browser.awaitDisplayed("table.pvl[data-node-path=\"" + nodePath + "\"]", UI);
    }

    List<Row> rows() {
        List<Map<String, Object>> raw = browser.script(READ_ROWS);
        if (raw == null) return List.of();
        return raw.stream().map(Row::of).toList();
    }

    /** The row whose td.title starts with this title (a first line of its own), or null. */
    Row rowOrNull(String title) {
        return rows().stream().filter(r -> title.equals(r.title())).findFirst().orElse(null);
    }

    Row row(String title) {
        Row row = rowOrNull(title);
        if (row == null) throw new AssertionError("no row with td.title \"" + title + "\" in table.pvl; rows: " + rows());
        return row;
    }

    /** One tbody row of a published list; {@code write} is the aria-label of its button.write, null without one. */
    record Row(String advise, String title, String value, String unit, String type, String time, String state,
               String stale, String write) {
        static Row of(Map<String, Object> raw) {
            return new Row(s(raw, "advise"), s(raw, "title"), s(raw, "value"), s(raw, "unit"), s(raw, "type"),
                    s(raw, "time"), s(raw, "state"), s(raw, "stale"), raw.get("write") == null ? null : s(raw, "write"));
        }
    }

    // ---- write dialog

    WebElement awaitWriteDialog() { return browser.awaitDisplayed("dialog#write-dialog", UI); }

    boolean writeDialogOpen() { return browser.displayed("dialog#write-dialog"); }

    void typeWriteValue(String value) {
        WebElement input = browser.find("dialog#write-dialog #write-value");
        input.clear();
        input.sendKeys(value);
    }

    String writeError() {
        return browser.exists("#write-error") ? browser.find("#write-error").getText().trim() : "";
    }

    /**
     * Clicks {@code #write-submit}; when the dialog asks for confirmation (a {@code #write-confirm} button, or the
     * submit button now says "Confirm …"), confirms. Returns without waiting for the write itself.
     */
    void submitAndConfirm() {
        browser.find("#write-submit").click();
        String step = browser.await(Duration.ofSeconds(5), "the write dialog to ask for confirmation, refuse or close", () -> {
            if (!writeDialogOpen()) return "closed";
            if (!writeError().isEmpty()) return "error";
            if (browser.displayed("#write-confirm")) return "confirm-button";
            if (browser.find("#write-submit").getText().trim().startsWith("Confirm")) return "confirm-text";
            return null;
        });
        switch (step) {
            case "confirm-button" -> browser.find("#write-confirm").click();
            case "confirm-text" -> browser.find("#write-submit").click();
            default -> { }
        }
    }

    // ---- notices, connection

    /** The notices shown, as "kind: text". */
    List<String> notices() {
        List<Object> raw = browser.script("""
                return [...document.querySelectorAll('#notices .notice')].map(n =>
                  (n.getAttribute('data-kind') || '') + ': ' + (n.textContent || '').trim());""");
        return raw.stream().map(Object::toString).toList();
    }

    /**
     * Records every state ("kind: text") of each notice that appears from now on, so a short-lived progress notice
     * is not missed; notices already shown are left out.
     */
    void recordNotices() {
        browser.script("""
                window.__vaktNoticeKinds = [];
                const before = new Set(document.querySelectorAll('#notices .notice'));
                const seen = () => document.querySelectorAll('#notices .notice').forEach(n => {
                  if (before.has(n)) return;
                  const state = (n.getAttribute('data-kind') || '') + ': ' + (n.textContent || '').trim();
                  const log = window.__vaktNoticeKinds;
                  if (log[log.length - 1] !== state) log.push(state);
                });
                if (window.__vaktNoticeObserver) window.__vaktNoticeObserver.disconnect();
                window.__vaktNoticeObserver = new MutationObserver(seen);
                window.__vaktNoticeObserver.observe(document.getElementById('notices'),
                  { subtree: true, childList: true, attributes: true, characterData: true });""");
    }

    List<String> recordedNotices() {
        List<Object> raw = browser.script("return window.__vaktNoticeKinds || [];");
        return raw.stream().map(Object::toString).toList();
    }

    /** {@code #connection-bar}'s data-state, or "hidden" when it carries the hidden attribute. */
    String connectionBar() {
        WebElement bar = browser.find("#connection-bar");
        return bar.getDomAttribute("hidden") != null ? "hidden" : Objects.toString(bar.getDomAttribute("data-state"), "");
    }

    String bodyConnection() { return Objects.toString(browser.find("body").getDomAttribute("data-connection"), ""); }

    /** {@code #connection-bar[data-transport]}: websocket or fallback. */
    String connectionTransport() { return Objects.toString(browser.find("#connection-bar").getDomAttribute("data-transport"), ""); }

    String bodyTransport() { return Objects.toString(browser.find("body").getDomAttribute("data-transport"), ""); }

    /** The connection bar's text as shown (empty while it is hidden). */
    String connectionBarText() { return browser.find("#connection-bar").getText().trim(); }

    // ---- helpers

    /** The first number in a text such as "21.5 °C" or "21,5". */
    static double number(String text) {
        Matcher m = NUMBER.matcher(text == null ? "" : text);
        if (!m.find()) throw new AssertionError("no number in \"" + text + "\"");
        return Double.parseDouble(m.group().replace(',', '.'));
    }

    static boolean hasNumber(String text) { return text != null && NUMBER.matcher(text).find(); }

    private static String s(Map<String, Object> raw, String key) { return Objects.toString(raw.get(key), ""); }
}
