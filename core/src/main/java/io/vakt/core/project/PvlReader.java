package io.vakt.core.project;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.model.Binding;
import io.vakt.core.model.PublishedVariable;
import io.vakt.core.model.PublishedVariableList;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.YamlNode.MapNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code <List>.pvl.yaml}, a published variable list with the attribute names of the Published
 * Variables tool (spec §9), and checks every {@code Variable} against the controllers.
 */
final class PvlReader {
    static final List<String> KEYS = List.of("Title", "Description", "Comment", "Variables");
    static final List<String> ENTRY_KEYS = List.of("Name", "Title", "Description", "Unit", "Variable", "Writable",
            "ReadAccess", "WriteAccess", "Comment", "VisualFilter");

    private final ProjectFiles files;
    private final Problems problems;
    private final BindingResolver bindings;

    PvlReader(ProjectFiles files, Problems problems, BindingResolver bindings) {
        this.files = files;
        this.problems = problems;
        this.bindings = bindings;
    }

    Optional<PublishedVariableList> read(Path file, String name) {
        String fileName = files.name(file);
        Optional<MapNode> root = files.readYaml(file)
                .flatMap(node -> YamlFields.asMap(node, "a published variable list", fileName, problems));
        if (root.isEmpty()) return Optional.empty();
        YamlFields fields = YamlFields.strict(root.get(), fileName, problems, KEYS);
        List<PublishedVariable> variables = new ArrayList<>();
        Map<String, Integer> firstLines = new HashMap<>();
        fields.list("Variables").ifPresent(list -> {
            for (YamlNode item : list.items()) {
                YamlFields.asMap(item, "a published variable", fileName, problems)
                        .flatMap(map -> readEntry(map, fileName))
                        .ifPresent(variable -> {
                            Integer first = firstLines.putIfAbsent(variable.name().toLowerCase(Locale.ROOT),
                                    variable.source().line());
                            if (first != null) {
                                problems.error(variable.source(), "duplicate Name \"" + variable.name()
                                        + "\" (first at line " + first + ")");
                            } else {
                                variables.add(variable);
                            }
                        });
            }
        });
        return Optional.of(new PublishedVariableList(name, fields.text("Title", name), fields.text("Description", ""),
                fields.text("Comment", ""), variables, new SourceRef(fileName, 1)));
    }

    private Optional<PublishedVariable> readEntry(MapNode map, String fileName) {
        YamlFields fields = YamlFields.strict(map, fileName, problems, ENTRY_KEYS);
        Optional<String> name = fields.required("Name").filter(text -> {
            if (!text.isBlank()) return true;
            problems.error(fields.at("Name"), "Name must not be blank");
            return false;
        });
        if (name.isEmpty()) return Optional.empty();
        String variable = fields.text("Variable", "").trim();
        boolean writable = fields.yesNo("Writable").orElse(false);
        AccessLevel read = fields.accessLevel("ReadAccess").orElse(AccessLevel.Guest);
        AccessLevel write = fields.accessLevel("WriteAccess").orElse(AccessLevel.Operator);
        Binding binding = null;
        String unit = fields.text("Unit").orElse(null);
        if (!variable.isEmpty()) {
            Optional<BindingResolver.Resolved> resolved = bindings.resolve(variable, "Variable", fields.at("Variable"), problems);
            if (resolved.isPresent()) {
                binding = resolved.get().binding();
                if (unit == null) unit = resolved.get().point().unit();
                if (writable && !resolved.get().point().writable()) {
                    problems.error(fields.at("Writable"), "Writable: Yes, but point " + binding.address()
                            + " is not writable (set writable: true on the point, or Writable: No here)");
                }
            }
        } else if (writable) {
            problems.error(fields.at("Writable"), "Writable: Yes needs a Variable to write to");
        }
        if (writable && read.compareTo(write) > 0) {
            problems.warn(fields.at("ReadAccess"), "ReadAccess " + read + " is above WriteAccess " + write
                    + " on \"" + name.get() + "\": such an entry can never be used (spec §5.4)");
        }
        return Optional.of(new PublishedVariable(name.get(), fields.text("Title", name.get()),
                fields.text("Description", ""), unit, variable, binding, writable, read, write,
                fields.text("Comment", ""), fields.text("VisualFilter", "1"), new SourceRef(fileName, map.line())));
    }
}
