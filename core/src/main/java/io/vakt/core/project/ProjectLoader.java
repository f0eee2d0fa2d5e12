package io.vakt.core.project;

import io.vakt.core.driver.DriverFactory;
import io.vakt.core.model.Area;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Project;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.YamlNode.MapNode;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a project folder ({@code docs/project-format.md}): {@code project.yaml}, {@code controllers/} and the
 * {@code areas/} tree. Every file is validated and all problems are reported together in one
 * {@link ProjectLoadException}, each naming {@code file:line}. Stateless and thread-safe.
 */
public final class ProjectLoader {
    /** Class path folder of the embedded demo building. */
    public static final String DEMO_FOLDER = "vakt-demo";
    static final String PROJECT_FILE = "project.yaml";
    static final String CONTROLLERS = "controllers";
    static final String CONTROLLER_SUFFIX = ".yaml";
    static final List<String> PROJECT_KEYS = List.of("account", "title");

    private final Map<String, DriverFactory> drivers;

    /**
     * @param driversByName the driver factories controller files may name, matched ignoring case
     *                      (see {@link DriverFactories#discover()})
     */
    public ProjectLoader(Map<String, DriverFactory> driversByName) {
        Map<String, DriverFactory> byKey = new LinkedHashMap<>();
        driversByName.forEach((name, factory) -> byKey.put(name.toLowerCase(Locale.ROOT), factory));
        this.drivers = Map.copyOf(byKey);
    }

    /**
     * Loads the project in {@code projectDir}.
     *
     * @throws ProjectLoadException listing every problem found
     */
    public LoadedProject load(Path projectDir) {
        return load(projectDir, projectDir.toAbsolutePath().normalize().toString());
    }

    /** Loads the demo building shipped in the jar (or in the class path folder during development). */
    public LoadedProject loadDemo() {
        return loadFromClassPath(ProjectLoader.class.getClassLoader(), DEMO_FOLDER);
    }

    LoadedProject loadFromClassPath(ClassLoader loader, String folder) {
        String origin = "classpath:" + folder;
        URL marker = loader.getResource(folder + "/" + PROJECT_FILE);
        if (marker == null) throw single(origin, "no " + PROJECT_FILE + " on the class path");
        try {
            URI uri = marker.toURI();
            if (!"jar".equals(uri.getScheme())) return load(Path.of(uri).getParent(), origin);
            // jar:file:/…/vakt.jar!/vakt-demo/project.yaml: open the jar as a file system of its own, so a
            // file system someone else opened on the same jar is neither reused nor closed by us
            String spec = uri.getRawSchemeSpecificPart();
            Path jar = Path.of(new URI(spec.substring(0, spec.indexOf("!/"))));
            try (FileSystem zip = FileSystems.newFileSystem(jar, Map.of("accessMode", "readOnly"))) {
                return load(zip.getPath("/" + folder), origin);
            }
        } catch (URISyntaxException | IOException | RuntimeException e) {
            if (e instanceof ProjectLoadException loadFailure) throw loadFailure;
            throw single(origin, "cannot open " + marker + ": " + e.getMessage());
        }
    }

    private LoadedProject load(Path root, String origin) {
        if (!Files.isDirectory(root)) throw single(origin, "not a folder");
        Problems problems = new Problems();
        ProjectFiles files = new ProjectFiles(root, problems);

        String account = null;
        String title = null;
        Path projectFile = root.resolve(PROJECT_FILE);
        if (!Files.isRegularFile(projectFile)) {
            problems.error(new SourceRef(PROJECT_FILE, 0), "missing: a project folder needs project.yaml with the account name");
        } else {
            Optional<MapNode> map = files.readYaml(projectFile)
                    .flatMap(node -> YamlFields.asMap(node, PROJECT_FILE, PROJECT_FILE, problems));
            if (map.isPresent()) {
                YamlFields fields = YamlFields.strict(map.get(), PROJECT_FILE, problems, PROJECT_KEYS);
                account = fields.required("account")
                        .filter(name -> TechnicalNames.check(name, "account", fields.at("account"), problems))
                        .orElse(null);
                title = fields.text("title").orElse(null);
            }
        }

        Map<String, Controller> controllers = new LinkedHashMap<>();
        Set<String> broken = new HashSet<>();
        readControllers(root.resolve(CONTROLLERS), files, problems, controllers, broken);

        BindingResolver bindings = new BindingResolver(controllers, broken);
        // a placeholder keeps the tree readable (and its errors reported) when project.yaml is broken
        AreaTreeReader tree = new AreaTreeReader(files, problems, account == null ? "Project" : account, bindings);
        Area rootArea = tree.readRoot(root.resolve(AreaTreeReader.AREAS), title);

        if (problems.hasErrors()) throw new ProjectLoadException(problems.errors());
        Project project = new Project(account, title, rootArea, List.copyOf(controllers.values()), tree.serverSideFunctions());
        return new LoadedProject(project, problems.warnings(), origin);
    }

    private void readControllers(Path dir, ProjectFiles files, Problems problems, Map<String, Controller> controllers,
                                 Set<String> broken) {
        if (!Files.isDirectory(dir)) return;
        ControllerReader reader = new ControllerReader(files, problems, drivers);
        TechnicalNames names = new TechnicalNames();
        for (Path file : files.list(dir)) {
            String fileName = file.getFileName().toString();
            SourceRef at = files.at(file, 0);
            if (Files.isDirectory(file) || !fileName.toLowerCase(Locale.ROOT).endsWith(CONTROLLER_SUFFIX)) {
                problems.warn(at, "ignored: controllers/ holds one <Name>.yaml file per controller");
                continue;
            }
            String name = fileName.substring(0, fileName.length() - CONTROLLER_SUFFIX.length());
            if (!TechnicalNames.check(name, "controller", at, problems) || !names.claim(name, at, problems)) continue;
            Optional<Controller> controller = reader.read(file, name);
            if (controller.isPresent()) {
                controllers.put(name.toLowerCase(Locale.ROOT), controller.get());
            } else {
                broken.add(name.toLowerCase(Locale.ROOT));
            }
        }
    }

    private static ProjectLoadException single(String origin, String message) {
        return new ProjectLoadException(List.of(new ProjectException(new SourceRef(origin, 0), message)));
    }
}
