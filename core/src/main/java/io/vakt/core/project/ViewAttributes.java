package io.vakt.core.project;

import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the display and button attributes of a view ({@code docs/views.md}) once its bindings are resolved:
 * that each sits where it has an effect (on a bound element, inside one, or beside {@code data-vakt-call}), that
 * its little language parses ({@link ViewRules}), and that buttons have code to call. The browser trusts what
 * passes here, so every mistake a site engineer can make in these attributes is a {@code file:line} error.
 */
final class ViewAttributes {
    /** Attributes that only mean something on the bound element itself. */
    static final List<String> NEED_BIND = List.of("data-vakt-writable", "data-vakt-read-access",
            "data-vakt-write-access", "data-vakt-format", "data-vakt-unit", "data-vakt-states", "data-vakt-texts");
    /** Attributes evaluated against the value of the element's own binding or its nearest bound ancestor's. */
    static final List<String> NEED_VALUE = List.of("data-vakt-fill", "data-vakt-stroke", "data-vakt-visible");
    /** Attributes that describe the button of {@code data-vakt-call} on the same element. */
    static final List<String> NEED_CALL = List.of("data-vakt-args", "data-vakt-confirm");
    /** A JavaScript identifier, as the function names a {@code .ssf.js} file exports. */
    static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    /** Names a code file defines: {@code function name}, {@code async function name}, {@code const name =}. */
    private static final Pattern DEFINED = Pattern.compile(
            "\\bfunction\\s*\\*?\\s*([A-Za-z_$][A-Za-z0-9_$]*)|\\b(?:const|let|var)\\s+([A-Za-z_$][A-Za-z0-9_$]*)\\s*=");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The view's ServerSideFunction code: the file name as errors show it, and its text (null if unreadable). */
    record Code(String fileName, String text) {}

    private final String file;
    private final String viewName;
    private final Problems problems;
    /** The resolved point of each bound element; empty when its binding has an error of its own. */
    private final IdentityHashMap<SvgHandler.Node, Optional<Point>> points;
    private final Optional<Code> code;
    private boolean missingCodeReported;

    ViewAttributes(String file, String viewName, Problems problems,
                   IdentityHashMap<SvgHandler.Node, Optional<Point>> points, Optional<Code> code) {
        this.file = file;
        this.viewName = viewName;
        this.problems = problems;
        this.points = points;
        this.code = code;
    }

    /** Checks {@code root} and everything below it. */
    void check(SvgHandler.Node root) {
        walk(root, root, null, false);
    }

    /**
     * @param bound         the nearest bound element above {@code node}, or null
     * @param parentRemoved whether the parent is left out of the drawing (then so is {@code node})
     */
    private void walk(SvgHandler.Node node, SvgHandler.Node root, SvgHandler.Node bound, boolean parentRemoved) {
        SvgHandler.Node nearest = node.bind() != null ? node : bound;
        boolean removed = !node.removedBy().isEmpty();
        if (!removed) {
            checkElement(node, root, nearest);
        } else if (!node.vakt().isEmpty()) {
            String attribute = node.vakt().keySet().iterator().next();
            error(node, attribute + " is " + (parentRemoved ? "inside" : "on") + " <" + node.removedBy()
                    + ">, which the server removes from drawings (scripts, foreignObject, HTML and other non-SVG "
                    + "elements): browsers would never see it");
        }
        for (SvgHandler.Node child : node.children()) walk(child, root, nearest, removed);
    }

    private void checkElement(SvgHandler.Node node, SvgHandler.Node root, SvgHandler.Node nearest) {
        if (node.attribute("data-vakt-title") != null && node != root) {
            error(node, "data-vakt-title belongs on the <svg> element (it names the view)");
        }
        for (String name : NEED_BIND) {
            if (node.attribute(name) != null && node.bind() == null) {
                error(node, name + " needs data-vakt-bind on the same element");
            }
        }
        Optional<Point> own = node.bind() != null ? points.getOrDefault(node, Optional.empty()) : Optional.empty();
        format(node);
        valueMap(node, "data-vakt-states", own);
        valueMap(node, "data-vakt-texts", own);
        for (String name : NEED_VALUE) {
            String text = node.attribute(name);
            if (text == null) continue;
            if (nearest == null) {
                error(node, name + " needs a bound element: put it on an element with data-vakt-bind or inside one");
            } else {
                valueRules(node, name, text, points.getOrDefault(nearest, Optional.empty()));
            }
        }
        call(node);
        String label = node.attribute("data-vakt-label");
        if (label != null) {
            // names a button, or a value in the write dialog and for screen readers
            if (node.bind() == null && node.attribute("data-vakt-call") == null) {
                error(node, "data-vakt-label needs data-vakt-bind or data-vakt-call on the same element");
            } else if (label.isBlank()) {
                error(node, "data-vakt-label is empty");
            }
        }
        for (String name : NEED_CALL) {
            String text = node.attribute(name);
            if (text == null) continue;
            if (node.attribute("data-vakt-call") == null) {
                error(node, name + " needs data-vakt-call on the same element");
            } else if (name.equals("data-vakt-args")) {
                args(node, text);
            } else if (text.isBlank()) {
                error(node, name + " is empty");
            }
        }
    }

    private void format(SvgHandler.Node node) {
        String text = node.attribute("data-vakt-format");
        if (text == null || node.bind() == null) return;
        try {
            ViewRules.decimals(text);
        } catch (ViewRules.Invalid e) {
            error(node, "data-vakt-format: " + e.getMessage());
        }
    }

    private void valueMap(SvgHandler.Node node, String name, Optional<Point> point) {
        String text = node.attribute(name);
        if (text == null || node.bind() == null) return;
        if (text.isBlank()) {
            error(node, name + " is empty");
            return;
        }
        ViewRules.Keys keys = point.map(p -> p.type() == PointType.STRING ? ViewRules.Keys.WORDS : ViewRules.Keys.NUMBERS)
                .orElse(ViewRules.Keys.EITHER);
        try {
            if (name.equals("data-vakt-states")) {
                ViewRules.states(text, keys);
            } else {
                ViewRules.texts(text, keys);
            }
        } catch (ViewRules.Invalid e) {
            error(node, name + ": " + e.getMessage());
        }
    }

    private void valueRules(SvgHandler.Node node, String name, String text, Optional<Point> point) {
        if (text.isBlank()) {
            error(node, name + " is empty");
            return;
        }
        boolean compares;
        try {
            if (name.equals("data-vakt-visible")) {
                ViewRules.conditions(text);
                compares = true;
            } else {
                compares = ViewRules.colours(text).stream().anyMatch(rule -> !rule.isDefault());
            }
        } catch (ViewRules.Invalid e) {
            error(node, name + ": " + e.getMessage());
            return;
        }
        if (compares && point.isPresent() && point.get().type() == PointType.STRING) {
            error(node, name + " compares numbers, but point " + point.get().address() + " holds text");
        }
    }

    private void call(SvgHandler.Node node) {
        String name = node.attribute("data-vakt-call");
        if (name == null) return;
        if (name.isBlank()) {
            error(node, "data-vakt-call is empty");
            return;
        }
        if (!FUNCTION_NAME.matcher(name.strip()).matches()) {
            error(node, "data-vakt-call \"" + name + "\" is not a function name");
            return;
        }
        if (code.isEmpty()) {
            // once per view: every button of it lacks the same file
            if (!missingCodeReported) {
                missingCodeReported = true;
                error(node, viewName.equalsIgnoreCase(AreaTreeReader.AREA_OWNER)
                        ? "data-vakt-call needs ServerSideFunction code for this view, but a view named \"area\" "
                                + "cannot have any (area.ssf.js is the folder's code): rename the view"
                        : "data-vakt-call needs ServerSideFunction code for this view (expected "
                                + viewName + AreaTreeReader.SSF_SUFFIX + ")");
            }
            return;
        }
        String text = code.get().text();
        if (text != null && !Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(name.strip()) + "(?![A-Za-z0-9_$])")
                .matcher(text).find()) {
            // the loader does not run the code, so this is a hint, not a verdict: the call fails if it is right
            problems.warn(at(node), "data-vakt-call \"" + name.strip() + "\": " + code.get().fileName()
                    + " has no function of that name" + Suggestions.didYouMean(name.strip(), defined(text)));
        }
    }

    private void args(SvgHandler.Node node, String text) {
        if (text.isBlank()) {
            error(node, "data-vakt-args must be a JSON object, not empty text (leave it out for no arguments)");
            return;
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(text);
        } catch (JacksonException e) {
            String message = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
            error(node, "data-vakt-args is not valid JSON: " + message + " (write e.g. {\"value\": 20})");
            return;
        }
        if (!parsed.isObject()) {
            error(node, "data-vakt-args must be a JSON object, not " + kind(parsed) + " (write e.g. {\"value\": 20})");
        }
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) return "an array";
        if (node.isNumber()) return "a number";
        if (node.isString()) return "a string";
        if (node.isBoolean()) return node.asBoolean() ? "true" : "false";
        if (node.isNull()) return "null";
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static Set<String> defined(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = DEFINED.matcher(text);
        while (matcher.find()) names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        return names;
    }

    private SourceRef at(SvgHandler.Node node) { return new SourceRef(file, node.line()); }

    private void error(SvgHandler.Node node, String message) { problems.error(at(node), message); }
}
