package io.vakt.core.project;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.model.Point;
import io.vakt.core.model.SourceRef;
import io.vakt.core.model.View;
import io.vakt.core.model.ViewBinding;
import io.vakt.core.model.ViewElement;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code <View>.view.svg}: an SVG picture whose elements carry {@code data-vakt-bind} attributes. The
 * view's content is the SVG tree pruned to the bound elements and their ancestors; bindings are numbered in
 * document order. Parsing is hardened: no DOCTYPE, no external entities, no XInclude.
 */
final class ViewReader {
    static final String UNDEFINED = "((undefined))";
    /** data-vakt-unit="none": show no unit, where an empty attribute would mean the point's own. */
    static final String NO_UNIT = "none";

    private final ProjectFiles files;
    private final Problems problems;
    private final BindingResolver bindings;

    ViewReader(ProjectFiles files, Problems problems, BindingResolver bindings) {
        this.files = files;
        this.problems = problems;
        this.bindings = bindings;
    }

    /**
     * Reads one view file.
     *
     * @param code the view's {@code <View>.ssf.js} in the same folder, if there is one (its buttons call it)
     */
    Optional<View> read(Path file, String name, Optional<Path> code) {
        String fileName = files.name(file);
        Optional<String> text = files.readText(file);
        if (text.isEmpty()) return Optional.empty();
        SvgHandler handler = new SvgHandler(fileName, problems);
        try {
            SAXParser parser = secureFactory().newSAXParser();
            parser.parse(new ByteArrayInputStream(text.get().getBytes(StandardCharsets.UTF_8)), handler);
        } catch (SAXParseException e) {
            problems.error(new SourceRef(fileName, Math.max(e.getLineNumber(), 0)), xmlMessage(e));
            return Optional.empty();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            problems.error(new SourceRef(fileName, 0), "cannot read the SVG: " + e.getMessage());
            return Optional.empty();
        }
        SvgHandler.Node root = handler.root();
        if (!root.tag().equals("svg")) {
            problems.error(new SourceRef(fileName, root.line()), "the root element must be <svg>, not <" + root.tag() + ">");
            return Optional.empty();
        }
        if (!handler.rootNamespace().equals(ViewDrawing.SVG_NAMESPACE)) {
            // browsers parse the drawing as XML: without the namespace it is an unknown element, drawn as nothing
            problems.error(new SourceRef(fileName, root.line()), "the <svg> element needs xmlns=\""
                    + ViewDrawing.SVG_NAMESPACE + "\": without it browsers draw nothing");
        }
        if (root.bind() != null) {
            problems.error(new SourceRef(fileName, root.line()), "bind child elements of <svg>, not the <svg> element itself");
        }
        List<ViewBinding> found = new ArrayList<>();
        IdentityHashMap<SvgHandler.Node, Optional<Point>> points = new IdentityHashMap<>();
        List<ViewElement> elements = prune(root.children(), new ArrayList<>(), fileName, found, points);
        new ViewAttributes(fileName, name, problems, points, code.map(this::code)).check(root);
        String title = root.attribute("data-vakt-title");
        if (title == null || title.isBlank()) title = handler.title();
        return Optional.of(new View(name, title, text.get(), elements, found, new SourceRef(fileName, 1)));
    }

    /**
     * Keeps bound elements and their ancestors, numbering bindings in document order (an element before the
     * elements inside it, as {@link ViewDrawing} numbers them); notes each bound element's point in {@code points}.
     */
    private List<ViewElement> prune(List<SvgHandler.Node> nodes, List<Integer> parentPath, String fileName,
                                    List<ViewBinding> found, IdentityHashMap<SvgHandler.Node, Optional<Point>> points) {
        List<ViewElement> kept = new ArrayList<>();
        for (SvgHandler.Node node : nodes) {
            if (!node.hasBinding()) continue;
            List<Integer> path = new ArrayList<>(parentPath);
            path.add(kept.size());
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("Id", node.id());
            if (node.bind() != null) {
                SourceRef at = new SourceRef(fileName, node.line());
                attributes.put("Variable", UNDEFINED);
                attributes.put("Format", orEmpty(node.attribute("data-vakt-format")));
                Optional<Bound> bound = readBinding(node, at, path);
                bound.ifPresent(b -> found.add(b.binding()));
                points.put(node, bound.map(Bound::point));
                String unit = node.attribute("data-vakt-unit");
                // like a list entry's Unit, the point's unit unless the view says otherwise ("none": no unit)
                attributes.put("Unit", unit == null ? bound.map(b -> b.point().unit()).orElse("")
                        : unit.equals(NO_UNIT) ? "" : unit);
            }
            kept.add(new ViewElement(node.tag(), attributes, prune(node.children(), path, fileName, found, points)));
        }
        return kept;
    }

    private record Bound(ViewBinding binding, Point point) {}

    private Optional<Bound> readBinding(SvgHandler.Node node, SourceRef at, List<Integer> path) {
        Optional<BindingResolver.Resolved> resolved = bindings.resolve(node.bind(), "data-vakt-bind", at, problems);
        boolean writable = false;
        String writableText = node.attribute("data-vakt-writable");
        if (writableText != null) {
            Optional<Boolean> parsed = YamlFields.parseYesNo(writableText);
            if (parsed.isEmpty()) {
                problems.error(at, "data-vakt-writable must be true or false, not \"" + writableText + "\"");
            }
            writable = parsed.orElse(false);
        }
        AccessLevel read = level(node, "data-vakt-read-access", at).orElse(AccessLevel.Guest);
        AccessLevel write = level(node, "data-vakt-write-access", at).orElse(AccessLevel.Operator);
        if (resolved.isEmpty()) return Optional.empty();
        if (writable && !resolved.get().point().writable()) {
            problems.error(at, "data-vakt-writable=\"true\", but point " + resolved.get().binding().address()
                    + " is not writable");
        }
        if (writable && read.compareTo(write) > 0) {
            problems.warn(at, "read access " + read + " is above write access " + write
                    + ": such an element can never be used (spec §5.4)");
        }
        // attribute 1 is Variable: Id comes first (see prune)
        return Optional.of(new Bound(new ViewBinding(path, 1, resolved.get().binding(), writable, read, write, at),
                resolved.get().point()));
    }

    private Optional<AccessLevel> level(SvgHandler.Node node, String attribute, SourceRef at) {
        String text = node.attribute(attribute);
        return text == null ? Optional.empty() : YamlFields.parseLevel(text, at, problems);
    }

    private static String orEmpty(String text) { return text == null ? "" : text; }

    /** The code file's text for the check of button names; unreadable code is reported where it is loaded. */
    private ViewAttributes.Code code(Path file) {
        String text;
        try {
            text = Files.size(file) <= ProjectFiles.MAX_FILE_BYTES ? Files.readString(file) : null;
        } catch (IOException | RuntimeException e) {
            text = null;
        }
        return new ViewAttributes.Code(files.name(file), text);
    }

    private static String xmlMessage(SAXParseException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("DOCTYPE")) return "DOCTYPE declarations are not allowed in views";
        if (message.startsWith("elements nested deeper")) return message;
        return "malformed SVG: " + message;
    }

    /** A SAX parser that reads only the file itself: no DTDs, no entities from outside, no XInclude. */
    static SAXParserFactory secureFactory() throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory;
    }
}
