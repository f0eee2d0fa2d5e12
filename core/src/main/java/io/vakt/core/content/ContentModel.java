package io.vakt.core.content;

import io.vakt.core.model.NodeFile;
import io.vakt.core.model.PublishedVariable;
import io.vakt.core.model.PublishedVariableList;
import io.vakt.core.model.View;
import io.vakt.core.model.ViewBinding;
import io.vakt.core.model.ViewElement;
import io.vakt.core.project.ViewDrawing;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Builds the content of node files in the shape ArrigoLocal clients patch live values into (spec §5.1,
 * §5.2): {@code Cwl} for published variable lists, {@code Cwv} for views, each with {@code Advise.A},
 * {@code AdviseRefs.A} and {@code ElementRefs}. Content is computed once per file and cached; the project
 * is immutable, so the cache never goes stale.
 */
public final class ContentModel {
    /** What the {@code Variable} attribute holds until a client applies a value (spec §5.1). */
    public static final String UNDEFINED = "((undefined))";
    /** Position of {@code Variable} among a published variable's attributes. */
    public static final int PVL_VARIABLE_ATTRIBUTE = 4;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final Map<NodeFile, NodeContent> cache = new ConcurrentHashMap<>();
    private final Map<View, String> drawings = new ConcurrentHashMap<>();

    public NodeContent contentOf(NodeFile file) {
        return cache.computeIfAbsent(file, ContentModel::build);
    }

    /** The view's SVG as browsers receive it (see {@link ViewDrawing}), cleaned once per view. */
    public String drawingOf(View view) {
        return drawings.computeIfAbsent(view, v -> ViewDrawing.of(v.svg()));
    }

    private static NodeContent build(NodeFile file) {
        ObjectNode root = JSON.objectNode();
        root.set(file.contentRoot(), switch (file) {
            case PublishedVariableList list -> listContent(list);
            case View view -> viewContent(view);
        });
        return new NodeContent(root, hash(root));
    }

    private static ObjectNode listContent(PublishedVariableList list) {
        ObjectNode cwl = JSON.objectNode();
        cwl.put("type", "PublishedVariables");
        ObjectNode attributes = cwl.putObject("attributes");
        attributes.put("Name", list.name());
        attributes.put("Title", list.title());
        attributes.put("Description", list.description());
        attributes.put("Comment", list.comment());
        ArrayNode children = cwl.putArray("children");
        for (PublishedVariable variable : list.variables()) children.add(variableElement(variable));
        int[] advisedChildren = list.advisedChildIndexes();
        addAdviseArrays(cwl, advisedChildren.length, k -> List.of(advisedChildren[k]), k -> PVL_VARIABLE_ATTRIBUTE);
        return cwl;
    }

    private static ObjectNode variableElement(PublishedVariable variable) {
        ObjectNode element = JSON.objectNode();
        element.put("type", "PublishedVariable");
        // attribute order is part of the contract: clients address attributes by position (spec §5.1)
        ObjectNode attributes = element.putObject("attributes");
        attributes.put("Name", variable.name());
        attributes.put("Title", variable.title());
        attributes.put("Description", variable.description());
        attributes.put("Unit", variable.unit());
        attributes.put("Variable", variable.binding() == null ? variable.variable() : UNDEFINED);
        attributes.put("Writable", variable.writable() ? "Yes" : "No");
        attributes.put("ReadAccess", variable.readAccess().name());
        attributes.put("WriteAccess", variable.writeAccess().name());
        attributes.put("Comment", variable.comment());
        attributes.put("VisualFilter", variable.visualFilter());
        return element;
    }

    private static ObjectNode viewContent(View view) {
        ObjectNode cwv = JSON.objectNode();
        cwv.put("type", "View");
        ObjectNode attributes = cwv.putObject("attributes");
        attributes.put("Name", view.name());
        attributes.put("Title", view.title());
        ArrayNode children = cwv.putArray("children");
        for (ViewElement element : view.elements()) children.add(viewElement(element));
        List<ViewBinding> bindings = view.bindings();
        addAdviseArrays(cwv, bindings.size(), k -> bindings.get(k).childPath(), k -> bindings.get(k).attributeIndex());
        return cwv;
    }

    /**
     * {@code Advise.A}, {@code AdviseRefs.A} and {@code ElementRefs} for {@code count} advised elements, each feeding
     * one element: the child path from the content root and the position of the attribute receiving the value.
     */
    private static void addAdviseArrays(ObjectNode root, int count, IntFunction<List<Integer>> childPath,
                                        IntUnaryOperator attributeIndex) {
        ArrayNode advise = root.putObject("Advise").putArray("A");
        ArrayNode adviseRefs = root.putObject("AdviseRefs").putArray("A");
        ArrayNode elementRefs = root.putArray("ElementRefs");
        for (int k = 0; k < count; k++) {
            // spec §15 item 15: Vakt emits "<k>:<attrIdx>", opaque to clients
            advise.add(k + ":" + attributeIndex.applyAsInt(k));
            adviseRefs.addArray().add(k);
            ArrayNode ref = elementRefs.addArray();
            ArrayNode path = ref.addArray();
            childPath.apply(k).forEach(path::add);
            ref.add(attributeIndex.applyAsInt(k));
        }
    }

    private static ObjectNode viewElement(ViewElement element) {
        ObjectNode node = JSON.objectNode();
        node.put("type", element.type());
        ObjectNode attributes = node.putObject("attributes");
        element.attributes().forEach(attributes::put);
        if (!element.children().isEmpty()) {
            ArrayNode children = node.putArray("children");
            for (ViewElement child : element.children()) children.add(viewElement(child));
        }
        return node;
    }

    /** Eight upper-case hex digits, like the original's {@code "ED9C0F49"}. */
    private static String hash(JsonNode content) {
        CRC32 crc = new CRC32();
        crc.update(MAPPER.writeValueAsString(content).getBytes(StandardCharsets.UTF_8));
        return String.format("%08X", crc.getValue());
    }
}
