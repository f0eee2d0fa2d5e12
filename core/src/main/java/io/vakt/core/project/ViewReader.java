package io.vakt.core.project;

import io.vakt.core.access.AccessLevel;
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
import java.nio.file.Path;
import java.util.ArrayList;
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

    private final ProjectFiles files;
    private final Problems problems;
    private final BindingResolver bindings;

    ViewReader(ProjectFiles files, Problems problems, BindingResolver bindings) {
        this.files = files;
        this.problems = problems;
        this.bindings = bindings;
    }

    Optional<View> read(Path file, String name) {
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
        if (root.bind() != null) {
            problems.error(new SourceRef(fileName, root.line()), "bind child elements of <svg>, not the <svg> element itself");
        }
        List<ViewBinding> found = new ArrayList<>();
        List<ViewElement> elements = prune(root.children(), new ArrayList<>(), fileName, found);
        String title = root.attribute("data-vakt-title");
        if (title == null || title.isBlank()) title = handler.title();
        return Optional.of(new View(name, title, text.get(), elements, found, new SourceRef(fileName, 1)));
    }

    /** Keeps bound elements and their ancestors, numbering bindings in document order. */
    private List<ViewElement> prune(List<SvgHandler.Node> nodes, List<Integer> parentPath, String fileName,
                                    List<ViewBinding> found) {
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
                String unit = node.attribute("data-vakt-unit");
                // like a list entry's Unit, the point's unit unless the view says otherwise
                attributes.put("Unit", unit != null ? unit : bound.map(Bound::unit).orElse(""));
            }
            kept.add(new ViewElement(node.tag(), attributes, prune(node.children(), path, fileName, found)));
        }
        return kept;
    }

    private record Bound(ViewBinding binding, String unit) {}

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
                resolved.get().point().unit()));
    }

    private Optional<AccessLevel> level(SvgHandler.Node node, String attribute, SourceRef at) {
        String text = node.attribute(attribute);
        return text == null ? Optional.empty() : YamlFields.parseLevel(text, at, problems);
    }

    private static String orEmpty(String text) { return text == null ? "" : text; }

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
