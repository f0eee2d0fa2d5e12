package io.vakt.core.project;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.AccessPolicy;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.YamlNode.Entry;
import io.vakt.core.project.YamlNode.MapNode;
import io.vakt.core.project.YamlNode.Scalar;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional {@code area.yaml} of a folder: title, icon and access grants by user name ({@code "*"} for
 * everyone).
 */
record AreaSettings(String title, String icon, Map<String, AccessLevel> grants, SourceRef source) {
    static final String FILE = "area.yaml";
    static final List<String> KEYS = List.of("title", "icon", "access");

    /** No area.yaml: defaults, with the folder as the area's source. */
    static AreaSettings none(SourceRef folder) { return new AreaSettings(null, null, Map.of(), folder); }

    /** Reads an area.yaml; problems are reported and the settings read so far kept. */
    static AreaSettings read(Path file, ProjectFiles files, Problems problems) {
        String fileName = files.name(file);
        SourceRef source = new SourceRef(fileName, 1);
        return files.readYaml(file)
                .flatMap(node -> YamlFields.asMap(node, "area.yaml", fileName, problems))
                .map(map -> {
                    YamlFields fields = YamlFields.strict(map, fileName, problems, KEYS);
                    Map<String, AccessLevel> grants = new LinkedHashMap<>();
                    fields.map("access").ifPresent(access -> readGrants(access, fileName, problems, grants));
                    return new AreaSettings(fields.text("title").orElse(null), fields.text("icon").orElse(null),
                            grants, source);
                })
                .orElse(none(source));
    }

    private static void readGrants(MapNode access, String fileName, Problems problems, Map<String, AccessLevel> grants) {
        for (Entry entry : access.entries().values()) {
            SourceRef at = new SourceRef(fileName, entry.value().line());
            String user = entry.key().trim();
            if (user.isEmpty()) {
                problems.error(new SourceRef(fileName, entry.keyLine()), "empty user name in access (use \""
                        + AccessPolicy.EVERYONE + "\" for everyone)");
                continue;
            }
            if (entry.value() instanceof Scalar scalar && !scalar.isNull()) {
                YamlFields.parseLevel(scalar.text(), at, problems).ifPresent(level -> grants.put(user, level));
            } else {
                problems.error(at, "access for \"" + user + "\" must be a level (" + AccessLevel.names() + "), not "
                        + entry.value().kind());
            }
        }
    }
}
