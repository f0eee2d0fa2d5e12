package io.vakt.core.project;

import io.vakt.core.model.SourceRef;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the element tree of a view's SVG with the line of each element (from the SAX {@link Locator}),
 * keeping only what the view model needs: tag, id and the {@code data-vakt-*} attributes.
 */
final class SvgHandler extends DefaultHandler {
    static final String PREFIX = "data-vakt-";
    static final List<String> ATTRIBUTES = List.of("data-vakt-bind", "data-vakt-writable", "data-vakt-read-access",
            "data-vakt-write-access", "data-vakt-format", "data-vakt-unit", "data-vakt-title", "data-vakt-states",
            "data-vakt-texts", "data-vakt-fill", "data-vakt-stroke", "data-vakt-visible", "data-vakt-call",
            "data-vakt-args", "data-vakt-confirm", "data-vakt-label");
    /** Deeper than any drawing, and below the JDK's own limit (100 in recent JDKs), so the message is ours. */
    static final int MAX_DEPTH = 64;

    /**
     * One SVG element: local tag name, id ("" without), its data-vakt attributes, line and children.
     * {@code removedBy} names the element (this one or an ancestor) that {@link ViewDrawing} leaves out of the
     * drawing, so browsers never see this one; "" when it is drawn.
     */
    record Node(String tag, String id, Map<String, String> vakt, int line, List<Node> children, String removedBy) {
        String attribute(String name) { return vakt.get(name); }

        String bind() { return vakt.get("data-vakt-bind"); }

        boolean hasBinding() {
            if (bind() != null) return true;
            for (Node child : children) if (child.hasBinding()) return true;
            return false;
        }
    }

    private final String file;
    private final Problems problems;
    private final Deque<Node> open = new ArrayDeque<>();
    private Locator locator;
    private Node root;
    private String rootNamespace = "";
    private StringBuilder titleText;
    private String title = "";

    SvgHandler(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    Node root() { return root; }

    /** The namespace URI of the root element ("" without one). */
    String rootNamespace() { return rootNamespace; }

    /** Text of the root's {@code <title>} child, or "". */
    String title() { return title.strip(); }

    @Override
    public void setDocumentLocator(Locator locator) { this.locator = locator; }

    @Override
    public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
        // never fetch anything a file points at; the secure factory already refuses DOCTYPEs
        return new InputSource(new StringReader(""));
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        if (open.size() >= MAX_DEPTH) {
            throw new SAXParseException("elements nested deeper than " + MAX_DEPTH + " levels", locator);
        }
        int line = locator == null ? 0 : locator.getLineNumber();
        String id = "";
        Map<String, String> vakt = new LinkedHashMap<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            String name = attributes.getQName(i);
            if (name.equals("id")) id = attributes.getValue(i);
            if (name.startsWith(PREFIX)) {
                if (ATTRIBUTES.contains(name)) {
                    vakt.put(name, attributes.getValue(i));
                } else {
                    problems.error(new SourceRef(file, line), "unknown attribute " + name
                            + Suggestions.didYouMean(name, ATTRIBUTES));
                }
            }
        }
        String tag = localName == null || localName.isEmpty() ? qName : localName;
        String removedBy = !open.isEmpty() && !open.peek().removedBy().isEmpty() ? open.peek().removedBy()
                : ViewDrawing.removes(uri, tag, attributes) ? qName : "";
        Node node = new Node(tag, id, vakt, line, new ArrayList<>(), removedBy);
        if (open.isEmpty()) {
            root = node;
            rootNamespace = uri == null ? "" : uri;
        } else {
            open.peek().children().add(node);
        }
        if (open.size() == 1 && open.peek() == root && tag.equals("title") && title.isEmpty()) titleText = new StringBuilder();
        open.push(node);
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (titleText != null) titleText.append(ch, start, length);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        open.pop();
        if (titleText != null && open.size() == 1) {
            title = titleText.toString();
            titleText = null;
        }
    }
}
