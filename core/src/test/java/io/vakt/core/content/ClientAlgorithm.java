package io.vakt.core.content;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an ArrigoLocal client does with an update (spec §5.2, [C] S22), written from the spec rather than from
 * the server code, so the content model is tested against the client's reading of it.
 */
final class ClientAlgorithm {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z]+)(?:\\[(\\d+)])?");

    private ClientAlgorithm() {}

    /** Applies {@code value} for {@code elementPath} ({@code Cwl.Advise.A[k]}) to {@code content} in place. */
    static void apply(ObjectNode content, String elementPath, String value) {
        // step 2: .Advise. becomes .AdviseRefs.; the list there holds indexes into ElementRefs
        JsonNode refs = resolve(content, elementPath.replace(".Advise.", ".AdviseRefs."));
        JsonNode root = content.get(elementPath.substring(0, elementPath.indexOf('.')));
        for (JsonNode j : refs) {
            // step 3: [childPath, attrIdx]; walk the children from the root, set the attrIdx-th attribute
            JsonNode ref = root.get("ElementRefs").get(j.intValue());
            JsonNode element = root;
            for (JsonNode child : ref.get(0)) element = element.get("children").get(child.intValue());
            ObjectNode attributes = (ObjectNode) element.get("attributes");
            List<String> names = new ArrayList<>(attributes.propertyNames());
            attributes.put(names.get(ref.get(1).intValue()), value);
        }
    }

    /** Follows a JavaScript-style property path such as {@code Cwl.AdviseRefs.A[3]}. */
    static JsonNode resolve(JsonNode node, String path) {
        JsonNode current = node;
        for (String segment : path.split("\\.")) {
            Matcher matcher = SEGMENT.matcher(segment);
            if (!matcher.matches()) throw new IllegalArgumentException("bad segment " + segment + " in " + path);
            current = current.get(matcher.group(1));
            if (current == null) throw new IllegalArgumentException("no " + matcher.group(1) + " in " + path);
            if (matcher.group(2) != null) current = current.get(Integer.parseInt(matcher.group(2)));
            if (current == null) throw new IllegalArgumentException("index out of range in " + path);
        }
        return current;
    }

    /** Every attribute of every element below {@code node}, as {@code childPath/name=value} lines. */
    static List<String> attributeLines(JsonNode node, String prefix) {
        List<String> lines = new ArrayList<>();
        JsonNode attributes = node.get("attributes");
        if (attributes != null) {
            attributes.properties().forEach(e -> lines.add(prefix + "/" + e.getKey() + "=" + e.getValue().asString()));
        }
        JsonNode children = node.get("children");
        if (children != null) {
            for (int i = 0; i < children.size(); i++) lines.addAll(attributeLines(children.get(i), prefix + "." + i));
        }
        return lines;
    }
}
