package io.vakt.it.web;

import java.nio.file.Path;

/**
 * The screenshots of the documentation: when the system property {@code vakt.docs.screenshots} names a folder,
 * the browser tests also save their main screens there (a relative folder is taken from the repository root) under stable names (login.png, folder.png, list.png,
 * ahu-view.png, rooms-view.png, write-dialog.png, reconnect.png, phone.png). Unset or blank: nothing is saved.
 */
final class DocsScreenshots {
    static final String PROPERTY = "vakt.docs.screenshots";

    private DocsScreenshots() {}

    static void save(Browser browser, String name) {
        String dir = System.getProperty(PROPERTY, "");
        if (dir.isBlank()) return;
        // relative to the repository (the tests run in it/), so -Dvakt.docs.screenshots=docs/images lands in docs/
        Path file = Path.of(System.getProperty("vakt.it.repo.dir", ".")).resolve(dir).toAbsolutePath().normalize().resolve(name);
        browser.awaitAnimationsEnd();
        browser.screenshot(file);
    }
}
