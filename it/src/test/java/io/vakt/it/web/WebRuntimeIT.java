package io.vakt.it.web;

import io.vakt.it.web.WebRuntimePage.Bound;
import io.vakt.it.web.WebRuntimePage.Row;
import io.vakt.testkit.ApiClient;
import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.DoubleStream;

import static io.vakt.it.web.WebRuntimePage.folderRoute;
import static io.vakt.it.web.WebRuntimePage.nodeRoute;
import static io.vakt.it.web.WebRuntimePage.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The web runtime in a real browser against a real server on the demo project: login, the area tree, deep links,
 * live views and lists, writes through the dialog, ServerSideFunction buttons, Guest rights, a server restart,
 * token refresh, logout and the phone layout. One server (fresh data folder) and one browser serve most tests;
 * the restart and token tests bring their own. Every test is screenshotted and fails on browser console errors
 * ({@link BrowserWatcher}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserWatcher.class)
class WebRuntimeIT implements BrowserWatcher.BrowserTest {
    /** A subscription's first values must replace every pending box within this time (the promise). */
    private static final Duration LIVE_WITHIN = Duration.ofSeconds(2);
    /** The client's reconnect back-off is capped at ~15 s; a few seconds more for the server to start. */
    private static final Duration RECONNECT_WITHIN = Duration.ofSeconds(20);
    private static final Set<String> NORMAL_TYPES = Set.of("Response", "Update");

    private Path dataDir;
    private EmbeddedServer server;
    private Browser shared;
    private WebRuntimePage page;

    /** A test's own server and browser (restart and token tests), closed after it. */
    private Path ownDataDir;
    private EmbeddedServer ownServer;
    private Browser ownBrowser;

    @BeforeAll
    void startServerAndBrowser() {
        Browser.assumeInstalledOrFailWhenRequired();
        dataDir = Demo.dataDirWithGuest();
        server = demoServer().dataDir(dataDir).start();
        shared = Browser.start();
        page = new WebRuntimePage(shared, server.baseUrl());
    }

    @AfterAll
    void stopServerAndBrowser() {
        try {
            if (shared != null) shared.close();
        } finally {
            try {
                if (server != null) server.close();
            } finally {
                Demo.delete(dataDir);
            }
        }
    }

    @BeforeEach
    void newVisitor() {
        shared.resize(Browser.DESKTOP);
        page.forgetSession();
    }

    @AfterEach
    void closeOwnServerAndBrowser() {
        try {
            if (ownBrowser != null) ownBrowser.close();
        } finally {
            ownBrowser = null;
            try {
                if (ownServer != null) ownServer.close();
            } finally {
                ownServer = null;
                Demo.delete(ownDataDir);
                ownDataDir = null;
            }
        }
    }

    @Override
    public Browser browserUnderTest() { return ownBrowser != null ? ownBrowser : shared; }

    /**
     * The demo with the simulator's random outages off: a point dropping out for 5–30 s now and then is the demo's
     * charm, but would make "every element is live" flaky.
     */
    private static EmbeddedServer.Builder demoServer() {
        return EmbeddedServer.builder().driverSetting("simulator", "unreachableChance", "0");
    }

    private void logInAsAdmin() {
        page.open("");
        page.logIn(Demo.ADMIN, Demo.ADMIN_PASSWORD);
    }

    // ---- b. a view becomes live

    @Test
    @Order(1)
    void viewShowsPendingThenLiveValuesWithinTwoSeconds() {
        logInAsAdmin();
        page.open(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW));

        List<Bound> first = page.awaitView(Demo.AHU_VIEW);
        WebRuntimePage.PendingBoxes boxes = page.pendingBoxes();
        System.out.printf("WebRuntimeIT: the AHU view appeared with %d of %d bound elements pending%n",
                first.stream().filter(Bound::pending).count(), first.size());

        assertThat(first).as("bound elements of the AHU view").hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(b -> assertThat(b.state()).as("data-live-state of %s when the view appears", b.bind())
                        .isIn("pending", "normal"))
                .allSatisfy(b -> assertThat(b.hasClass("vakt-" + b.state())).as("class vakt-%s on %s", b.state(), b.bind())
                        .isTrue());
        if (boxes.pending() > 0) {
            assertThat(boxes.boxes()).as("rect.vakt-pending-box (the yellow box) behind %d pending elements", boxes.pending())
                    .isPositive();
        }
        page.browser().await(LIVE_WITHIN, "no bound element pending within 2 s of the view appearing", () ->
                page.boundElements().stream().noneMatch(Bound::pending));
        List<Bound> live = page.awaitAllNormal(Duration.ofSeconds(5), "every bound element normal");
        assertThat(live).allSatisfy(b -> {
            // "--" is the drawing's placeholder until a value arrives (a bound shape without text stays blank)
            assertThat(b.text()).as("text of %s", b.bind()).isNotEqualTo("--");
            assertThat(b.title()).as("tooltip of %s", b.bind()).isNotBlank();
        });
        assertThat(page.pendingBoxes().boxes()).as("pending boxes once live").isZero();
        DocsScreenshots.save(page.browser(), "ahu-view.png");
    }

    // ---- a. login, tree, deep link

    @Test
    @Order(2)
    void loginShowsTreeAndDeepLinkSurvivesReload() {
        page.open("");
        page.awaitLoginForm();
        assertThat(page.browser().hash()).as("a visitor without a session is sent to the login route").startsWith("#/login");
        assertThat(page.browser().exists("#login-error")).as("#login-error").isTrue();
        DocsScreenshots.save(page.browser(), "login.png");

        page.logIn(Demo.ADMIN, Demo.ADMIN_PASSWORD);
        assertThat(page.browser().hash()).as("route after login").doesNotStartWith("#/login");
        assertThat(page.browser().displayed("button#logout")).as("button#logout").isTrue();
        WebElement landskrona = page.treeLink(Demo.LANDSKRONA);
        assertThat(landskrona.getText()).as("the tree's Landskrona entry").containsIgnoringCase("Landskrona");
        assertThat(page.browser().exists("main#content")).as("main#content").isTrue();

        landskrona.click();
        page.folderEntry(Demo.SYSTEM_AIR);
        // to a sub-folder through the router, without a reload
        page.browser().script("location.hash = arguments[0];", folderRoute(Demo.VENTILATION));
        page.folderEntry(Demo.AHU1_LIST);
        WebElement view = page.folderEntry(Demo.AHU_VIEW);
        DocsScreenshots.save(page.browser(), "folder.png");

        view.click();
        page.awaitView(Demo.AHU_VIEW);
        assertThat(decoded(page.browser().hash())).as("the view's route")
                .isEqualTo(decoded(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW)));

        page.browser().reload();
        page.awaitView(Demo.AHU_VIEW);
        assertThat(page.loginFormShown()).as("login form after reloading a deep link").isFalse();
        assertThat(decoded(page.browser().hash())).as("the route after a reload")
                .isEqualTo(decoded(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW)));

        // typed into the address bar: a fresh load of the deep link
        page.open(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW));
        page.awaitView(Demo.AHU_VIEW);
        assertThat(page.loginFormShown()).as("login form after opening a deep link with a session").isFalse();
    }

    // ---- c. a value changes

    @Test
    @Order(3)
    void listValueChanges() {
        logInAsAdmin();
        page.open(nodeRoute(Demo.LANDSKRONA, Demo.SYSTEM_AIR));
        page.awaitList(Demo.SYSTEM_AIR);
        Row second = page.browser().await(Duration.ofSeconds(5), "the row \"Second\" with a normal value", () -> {
            Row row = page.rowOrNull("Second");
            return row != null && row.state().equals("normal") && WebRuntimePage.hasNumber(row.value()) ? row : null;
        });
        assertThat(second.unit()).as("td.unit of Second").isEqualTo("s");
        double before = number(second.value());
        page.browser().await(Duration.ofSeconds(5), "td.value of \"Second\" to change from " + second.value(), () ->
                number(page.row("Second").value()) != before);
        DocsScreenshots.save(page.browser(), "list.png");
    }

    // ---- d. write from the view

    @Test
    @Order(4)
    void writeSetpointFromView() {
        logInAsAdmin();
        page.open(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW));
        page.awaitView(Demo.AHU_VIEW);
        Bound setpoint = page.browser().await(Duration.ofSeconds(5), "the setpoint element normal", () -> {
            Bound b = page.bound(Demo.SETPOINT_BIND);
            return b.state().equals("normal") ? b : null;
        });
        assertThat(setpoint.hasClass("vakt-writable")).as("class vakt-writable on the setpoint (admin)").isTrue();
        assertThat(setpoint.role()).as("role of the writable setpoint").isEqualTo("button");
        WebElement element = page.inView("[data-vakt-bind=\"" + Demo.SETPOINT_BIND + "\"]");
        assertThat(element.getDomAttribute("tabindex")).as("tabindex of the writable setpoint").isEqualTo("0");
        double target = anotherSetpoint(number(setpoint.text()));

        element.click();
        WebElement dialog = page.awaitWriteDialog();
        assertThat(dialog.getText()).as("the dialog shows the range and unit").contains("14").contains("26").contains("°C");

        page.typeWriteValue("30");
        page.browser().find("#write-submit").click();
        String refusal = page.browser().await(Duration.ofSeconds(5), "#write-error to explain why 30 is refused",
                () -> page.writeError().isEmpty() ? null : page.writeError());
        assertThat(refusal).as("the reason for 30").isNotBlank();
        assertThat(page.writeDialogOpen()).as("the dialog stays open after a refused value").isTrue();
        page.browser().find("#write-cancel").click();
        page.browser().await(Duration.ofSeconds(3), "#write-cancel to close the dialog", () -> !page.writeDialogOpen());

        element.click();
        page.awaitWriteDialog();
        assertThat(page.writeError()).as("#write-error of a dialog opened anew").isEmpty();
        page.typeWriteValue(plain(target));
        DocsScreenshots.save(page.browser(), "write-dialog.png");
        page.submitAndConfirm();
        page.browser().await(Duration.ofSeconds(10), "the write dialog to close after the write", () -> !page.writeDialogOpen());
        page.browser().await(Duration.ofSeconds(10), "the setpoint element to show " + target, () ->
                Math.abs(number(page.bound(Demo.SETPOINT_BIND).text()) - target) < 0.05);
        assertThat(page.notices()).as("notices after the write").anySatisfy(n -> assertThat(n).startsWith("ok:"));
        assertThat(page.writeError()).isEmpty();
        awaitServerValue(server, Demo.SETPOINT_ADDRESS, target);
    }

    // ---- e. a list table and its write button

    @Test
    @Order(5)
    void listTableShowsValuesAndWritesFromItsButton() {
        logInAsAdmin();
        JsonNode bindings = bindingsOf(server, Demo.AHU1_LIST);
        int entries = bindings.size();
        Set<String> stringEntries = new java.util.HashSet<>();
        for (JsonNode binding : bindings) {
            // path "Cwl.Advise.A[k]": k is the row's data-advise
            String k = binding.path("path").asString().replaceAll(".*\\[(\\d+)]$", "$1");
            if ("string".equals(binding.path("dataType").asString())) stringEntries.add(k);
        }
        page.open(nodeRoute(Demo.VENTILATION, Demo.AHU1_LIST));
        page.awaitList(Demo.AHU1_LIST);
        List<Row> rows = page.browser().await(Duration.ofSeconds(10), "every row of AHU1 normal", () -> {
            List<Row> now = page.rows();
            return now.size() == entries && now.stream().allMatch(r -> r.state().equals("normal")) ? now : null;
        });
        assertThat(page.browser().exists("table.pvl thead")).as("table.pvl thead").isTrue();
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.advise()).as("tr[data-advise] of %s", r.title()).isNotBlank();
            // a string point may well be empty (the operator's note)
            if (!stringEntries.contains(r.advise())) assertThat(r.value()).as("td.value of %s", r.title()).isNotBlank();
            assertThat(r.type()).as("td.type of %s", r.title()).isIn(NORMAL_TYPES);
            assertThat(r.time()).as("td.time of %s", r.title()).containsPattern("\\d");
        });
        assertThat(rows).as("rows with a unit").anySatisfy(r -> assertThat(r.unit()).isEqualTo("°C"));
        assertThat(rows.stream().filter(r -> r.write() != null)).as("rows with button.write (admin)").hasSize(10);
        assertThat(page.row("Supply air temperature").write()).as("button.write of a read-only point").isNull();
        Row setpoint = page.row(Demo.SETPOINT_TITLE);
        assertThat(setpoint.write()).as("aria-label of the setpoint's button.write").isEqualTo("Change " + Demo.SETPOINT_TITLE);
        double target = anotherSetpoint(number(setpoint.value()));

        page.browser().find("table.pvl tr[data-advise=\"" + setpoint.advise() + "\"] button.write").click();
        page.awaitWriteDialog();
        page.typeWriteValue(plain(target));
        page.submitAndConfirm();
        page.browser().await(Duration.ofSeconds(10), "the write dialog to close after the write", () -> !page.writeDialogOpen());
        page.browser().await(Duration.ofSeconds(10), "the setpoint row to show " + target, () ->
                Math.abs(number(page.row(Demo.SETPOINT_TITLE).value()) - target) < 0.05);
        awaitServerValue(server, Demo.SETPOINT_ADDRESS, target);
    }

    // ---- f. a Guest may look but not write

    @Test
    @Order(6)
    void guestSeesViewWithoutWritableAffordance() {
        // asked for a deep link before login: after login the Guest lands there
        page.open(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW));
        page.logIn(Demo.GUEST, Demo.GUEST_PASSWORD);
        page.awaitView(Demo.AHU_VIEW);
        List<Bound> bound = page.awaitAllNormal(Duration.ofSeconds(5), "the Guest's view live");
        assertThat(bound).as("bound elements for a Guest").allSatisfy(b -> {
            assertThat(b.hasClass("vakt-writable")).as("vakt-writable on %s", b.bind()).isFalse();
            assertThat(b.role()).as("role of %s", b.bind()).isNotEqualTo("button");
        });
        assertThat(page.allInView(".vakt-writable")).as(".vakt-writable in the Guest's view").isEmpty();
        page.inView("[data-vakt-bind=\"" + Demo.SETPOINT_BIND + "\"]").click();
        assertThat(page.writeDialogOpen()).as("a write dialog for a Guest").isFalse();

        // the button that writes through a ServerSideFunction runs with the Guest's rights: an error notice
        List<String> reset = callFunction("setSupplyAirSetpoint", n -> n.startsWith("error:"));
        assertThat(reset).as("notices of a Guest's Reset setpoint")
                .anySatisfy(n -> assertThat(n).startsWith("error:").containsIgnoringCase("Guest"));

        page.browser().script("location.hash = arguments[0];", nodeRoute(Demo.VENTILATION, Demo.AHU1_LIST));
        page.awaitList(Demo.AHU1_LIST);
        page.browser().await(Duration.ofSeconds(10), "the Guest's list live", () ->
                page.rows().stream().allMatch(r -> r.state().equals("normal")) && !page.rows().isEmpty());
        assertThat(page.browser().findAll("table.pvl button.write")).as("button.write in the Guest's list").isEmpty();
    }

    // ---- g. ServerSideFunction buttons

    @Test
    @Order(7)
    void serverSideFunctionButtonsShowProgressResultsAndErrors() {
        logInAsAdmin();
        page.open(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW));
        page.awaitView(Demo.AHU_VIEW);

        List<String> read = callFunction("readSupplyAir", n -> n.startsWith("ok:") && n.contains("supplyAir"));
        assertThat(read).as("notices of readSupplyAir").anySatisfy(n -> assertThat(n).startsWith("ok:").contains("setpoint"));

        List<String> sum = callFunction("slowSum", n -> n.startsWith("ok:") && n.contains("sum"));
        assertThat(sum).as("notices of slowSum, in order").anySatisfy(n -> assertThat(n).startsWith("progress:"));
        assertThat(sum.indexOf(sum.stream().filter(n -> n.startsWith("progress:")).findFirst().orElseThrow()))
                .as("progress before the result")
                .isLessThan(sum.indexOf(sum.stream().filter(n -> n.startsWith("ok:")).findFirst().orElseThrow()));

    }

    /** Clicks the view's button calling {@code function} and waits for a notice matching {@code done}; all notices seen. */
    private List<String> callFunction(String function, java.util.function.Predicate<String> done) {
        WebElement button = page.browser().await(WebRuntimePage.UI, "[data-vakt-call=\"" + function + "\"] in the view",
                () -> page.inView("[data-vakt-call=\"" + function + "\"]"));
        assertThat(button.getDomAttribute("role")).as("role of the %s button", function).isEqualTo("button");
        assertThat(button.getDomAttribute("tabindex")).as("tabindex of the %s button", function).isEqualTo("0");
        page.recordNotices();
        try {
            button.click();
        } catch (ElementClickInterceptedException coveredByANotice) {
            // the previous call's notice (bottom right) lies over the button until it closes by itself (6 s):
            // the keyboard reaches it anyway (role=button, tabindex=0: Enter calls)
            button.sendKeys(Keys.ENTER);
        }
        acceptConfirmationIfAsked(button);
        page.browser().await(Duration.ofSeconds(10), "a notice for " + function + " (seen: " + page.recordedNotices() + ")",
                () -> page.recordedNotices().stream().anyMatch(done));
        return page.recordedNotices();
    }

    /** data-vakt-confirm asks first: in dialog#confirm-dialog (the runtime's own), or a native confirm(). */
    private void acceptConfirmationIfAsked(WebElement button) {
        if (button.getDomAttribute("data-vakt-confirm") == null) return;
        String how = page.browser().await(Duration.ofSeconds(5), "the confirmation asked by data-vakt-confirm", () -> {
            if (page.browser().displayed("dialog#confirm-dialog #confirm-ok")) return "dialog";
            try {
                page.browser().driver().switchTo().alert();
                return "alert";
            } catch (NoAlertPresentException e) {
                return null;
            }
        });
        if (how.equals("dialog")) page.browser().find("dialog#confirm-dialog #confirm-ok").click();
        else page.browser().driver().switchTo().alert().accept();
    }

    // ---- the rooms view (drawn for the docs)

    @Test
    @Order(8)
    void floorViewRenders() {
        logInAsAdmin();
        JsonNode views = adminGraphql(server, "query($id: ID) { folder(id: $id) { ... on UserArea { views { path name } } } }",
                Map.of("id", Demo.FLOOR1)).path("data").path("folder").path("views");
        assertThat(views.size()).as("views of Landskrona/Floor1").isPositive();
        String nodePath = views.get(0).path("path").asString();
        page.open(nodeRoute(Demo.FLOOR1, nodePath));
        page.awaitView(nodePath);
        page.browser().await(Duration.ofSeconds(5), "no bound element pending in the Floor1 view", () ->
                page.boundElements().stream().noneMatch(Bound::pending));
        DocsScreenshots.save(page.browser(), "rooms-view.png");
    }

    // ---- k. the phone layout

    @Test
    @Order(9)
    void phoneLayoutRendersViewAndMenuToggles() {
        shared.resizeViewport(Browser.PHONE);
        logInAsAdmin();
        page.open(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW));
        page.awaitView(Demo.AHU_VIEW);
        page.awaitAllNormal(Duration.ofSeconds(5), "the view live on a phone");
        long pageWidth = page.browser().<Number>script("return document.documentElement.scrollWidth;").longValue();
        long viewport = page.browser().<Number>script("return window.innerWidth;").longValue();
        assertThat(pageWidth).as("page width on a %d px wide phone (no sideways scrolling)", viewport).isLessThanOrEqualTo(viewport);
        Number drawingWidth = page.browser().script(
                "return document.querySelector('div.view').shadowRoot.querySelector('svg').getBoundingClientRect().width;");
        assertThat(drawingWidth.doubleValue()).as("the drawing's width").isPositive().isLessThanOrEqualTo(viewport);
        DocsScreenshots.save(page.browser(), "phone.png");

        // docs/web-runtime.md: button#menu-toggle (aria-controls=area-tree, aria-expanded), shown on narrow screens
        WebElement toggle = page.browser().awaitDisplayed("button#menu-toggle", WebRuntimePage.UI);
        assertThat(toggle.getDomAttribute("aria-controls")).as("aria-controls of #menu-toggle").isEqualTo("area-tree");
        assertThat(page.browser().displayed("nav#area-tree")).as("the tree before the menu is opened on a phone").isFalse();
        toggle.click();
        page.browser().await(Duration.ofSeconds(3), "nav#area-tree shown after the menu toggle", () ->
                page.browser().displayed("nav#area-tree"));
        assertThat(toggle.getDomAttribute("aria-expanded")).as("aria-expanded of the open menu").isEqualTo("true");
        page.browser().awaitAnimationsEnd();
        page.browser().screenshot(BrowserWatcher.screenshotFile(getClass(), "phoneLayoutRendersViewAndMenuToggles-menu-open"));
        toggle.click();
        page.browser().await(Duration.ofSeconds(3), "nav#area-tree hidden after the second toggle", () ->
                !page.browser().displayed("nav#area-tree"));
        assertThat(toggle.getDomAttribute("aria-expanded")).as("aria-expanded of the closed menu").isEqualTo("false");
    }

    // ---- j. logout

    @Test
    @Order(10)
    void logoutReturnsToLoginAndAReloadStaysThere() {
        logInAsAdmin();
        page.open(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW));
        page.awaitView(Demo.AHU_VIEW);
        page.logOut();
        page.awaitLoginForm();
        assertThat(page.browser().hash()).as("route after logout").startsWith("#/login");
        page.browser().reload();
        page.awaitLoginForm();
        assertThat(page.browser().exists("div.view")).as("a view after logout and reload").isFalse();
        assertThat(page.browser().displayed("#user-name")).as("#user-name after logout").isFalse();
        page.open(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW));
        page.awaitLoginForm();
        assertThat(page.browser().exists("div.view")).as("the deep link after logout").isFalse();
    }

    // ---- h. the server restarts

    @Test
    @Order(11)
    void reconnectsAfterServerRestartWithoutReloadOrLogin() {
        ownDataDir = Demo.emptyDataDir();
        ownServer = demoServer().dataDir(ownDataDir).start();
        int port = ownServer.port();
        String origin = ownServer.baseUrl();
        ownBrowser = Browser.start();
        WebRuntimePage own = new WebRuntimePage(ownBrowser, origin);
        own.open("");
        own.logIn(Demo.ADMIN, Demo.ADMIN_PASSWORD);
        own.open(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW));
        own.awaitView(Demo.AHU_VIEW);
        own.awaitAllNormal(Duration.ofSeconds(5), "the view live before the restart");
        ownBrowser.await(Duration.ofSeconds(5), "#connection-bar hidden while online", () -> own.connectionBar().equals("hidden"));
        ownBrowser.script("window.__vaktMarker = 'no reload';");

        Browser.DownWindow down = ownBrowser.serverDown(origin);
        try {
            ownServer.close();
            ownServer = null;
            ownBrowser.await(Duration.ofSeconds(10), "#connection-bar visible with data-state=reconnecting", () ->
                    own.connectionBar().equals("reconnecting") && ownBrowser.displayed("#connection-bar"));
            assertThat(own.bodyConnection()).as("body[data-connection] while the server is down").isEqualTo("reconnecting");
            ownBrowser.await(Duration.ofSeconds(5), "every bound element data-stale=\"true\"", () ->
                    own.boundElements().stream().allMatch(b -> b.staleShown() && b.hasClass("vakt-stale")));
            assertThat(ownBrowser.find("#connection-bar").getText()).as("the connection bar's text").isNotBlank();
            DocsScreenshots.save(ownBrowser, "reconnect.png");

            ownServer = demoServer().dataDir(ownDataDir).port(port).start();
            ownBrowser.await(RECONNECT_WITHIN, "#connection-bar hidden again after the restart", () ->
                    own.connectionBar().equals("hidden"));
            ownBrowser.await(Duration.ofSeconds(5), "every bound element fresh: normal, not stale", () ->
                    own.boundElements().stream().allMatch(b -> b.state().equals("normal") && !b.staleShown()
                            && !b.hasClass("vakt-stale")));
        } finally {
            down.close();
        }
        assertThat(own.bodyConnection()).as("body[data-connection] after the restart").isEqualTo("online");
        assertThat(own.loginFormShown()).as("the login form after a server restart").isFalse();
        assertThat(ownBrowser.<String>script("return window.__vaktMarker;")).as("the page was not reloaded").isEqualTo("no reload");
        assertThat(decoded(ownBrowser.hash())).isEqualTo(decoded(nodeRoute(Demo.VENTILATION, Demo.AHU_VIEW)));
    }

    // ---- i. access tokens expire and are refreshed

    @Test
    @Order(12)
    void viewStaysLiveAcrossTokenRefreshes() {
        ownDataDir = Demo.emptyDataDir();
        ownServer = demoServer().dataDir(ownDataDir).accessTokenLifetime(Duration.ofSeconds(15)).start();
        ownBrowser = Browser.start();
        WebRuntimePage own = new WebRuntimePage(ownBrowser, ownServer.baseUrl());
        own.open("");
        own.logIn(Demo.ADMIN, Demo.ADMIN_PASSWORD);
        own.open(nodeRoute(Demo.LANDSKRONA, Demo.SYSTEM_AIR));
        own.awaitList(Demo.SYSTEM_AIR);
        ownBrowser.script("""
                window.__vaktRoutes = [];
                window.addEventListener('hashchange', () => window.__vaktRoutes.push(location.hash));""");

        long end = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < end) {
            assertThat(own.loginFormShown()).as("the login form while tokens expire").isFalse();
            sleep(Duration.ofSeconds(2));
        }
        List<Object> routes = ownBrowser.script("return window.__vaktRoutes;");
        assertThat(routes).as("routes the page went to").noneSatisfy(r -> assertThat(r.toString()).startsWith("#/login"));
        double before = number(ownBrowser.await(Duration.ofSeconds(5), "the row \"Second\" normal after 40 s", () -> {
            Row row = own.rowOrNull("Second");
            return row != null && row.state().equals("normal") && !row.stale().equals("true") ? row.value() : null;
        }));
        ownBrowser.await(Duration.ofSeconds(5), "\"Second\" still changing after 40 s", () ->
                number(own.row("Second").value()) != before);
        assertThat(own.connectionBar()).as("#connection-bar after token refreshes").isEqualTo("hidden");
    }

    // ---- helpers

    /** A setpoint in 14..26 at least 1 °C from the current one, so the change is visible. */
    private static double anotherSetpoint(double current) {
        return DoubleStream.of(17.5, 22.5, 20.5).filter(v -> Math.abs(v - current) >= 1).findFirst().orElseThrow();
    }

    private static String plain(double value) { return Double.toString(value); }

    private static String decoded(String hash) { return URLDecoder.decode(hash, StandardCharsets.UTF_8); }

    private static JsonNode adminGraphql(EmbeddedServer on, String query, Map<String, Object> variables) {
        ApiClient api = on.api();
        String token = api.login(Demo.ADMIN, Demo.ADMIN_PASSWORD).authToken();
        return api.graphql(token, query, variables);
    }

    private static JsonNode bindingsOf(EmbeddedServer on, String nodePath) {
        return adminGraphql(on, "query($p: String!) { node(path: $p) { bindings { path technicalAddress dataType } } }",
                Map.of("p", nodePath)).path("data").path("node").path("bindings");
    }

    /** Waits until the server's own API (polling {@code data} of SystemAir) reports the value of {@code address}. */
    private static void awaitServerValue(EmbeddedServer on, String address, double expected) {
        ApiClient api = on.api();
        String token = api.login(Demo.ADMIN, Demo.ADMIN_PASSWORD).authToken();
        org.awaitility.Awaitility.await("the server's value of " + address).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    JsonNode variables = api.graphql(token,
                            "query($p: String!) { data(path: $p) { variables { value technicalAddress type } } }",
                            Map.of("p", Demo.SYSTEM_AIR)).path("data").path("data").path("variables");
                    JsonNode match = null;
                    for (JsonNode variable : variables) {
                        if (address.equals(variable.path("technicalAddress").asString())) match = variable;
                    }
                    assertThat(match).as("%s in data(path: SystemAir)", address).isNotNull();
                    assertThat(match.path("value").asDouble()).isCloseTo(expected, within(0.01));
                });
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
