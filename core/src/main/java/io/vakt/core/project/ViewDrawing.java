package io.vakt.core.project;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The drawing of a view as browsers receive it: the view's SVG with everything that could run code or reach
 * elsewhere removed ({@code <script>}, {@code <foreignObject>}, HTML elements, animations that set a link or a
 * handler, {@code on*} handlers, links other than {@code #fragment} and {@code data:image/}, {@code xml:base}),
 * comments and processing instructions dropped, and each bound element
 * marked with {@code data-vakt-advise="k"}, k being its {@code Advise.A} index (bindings are numbered in document
 * order, as {@link ViewReader} does). Site engineers draw views in ordinary editors, so a file may carry an
 * editor's scripts or a pasted link; the web runtime inlines the drawing, so cleaning it here is what keeps one
 * careless file from running code in every operator's browser.
 */
public final class ViewDrawing {
    static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    /**
     * Elements dropped with everything inside them, by lower-cased local name: those that run code or embed other
     * documents, and HTML elements that mean something when a browser parses the drawing as HTML (forms, meta
     * refresh, base) although they mean nothing in SVG.
     */
    private static final Set<String> DROPPED_ELEMENTS = Set.of("script", "foreignobject", "iframe", "frame",
            "frameset", "embed", "object", "applet", "meta", "base", "link", "form", "input", "button", "textarea",
            "select", "handler", "listener");
    /** SVG animations: harmless unless they set a link or an event handler, which then bypasses the filter below. */
    private static final Set<String> ANIMATIONS = Set.of("set", "animate", "animatetransform", "animatemotion");

    private ViewDrawing() {}

    /**
     * Cleans a view file that {@link ProjectLoader} has accepted.
     *
     * @throws IllegalArgumentException if the text is not well-formed SVG (a loaded view always is)
     */
    public static String of(String svg) {
        Writer writer = new Writer();
        try {
            XMLReader reader = ViewReader.secureFactory().newSAXParser().getXMLReader();
            // report xmlns declarations as attributes, so the drawing keeps them
            reader.setFeature("http://xml.org/sax/features/namespace-prefixes", true);
            reader.setContentHandler(writer);
            reader.setEntityResolver(writer);
            reader.parse(new InputSource(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("the view is not well-formed SVG: " + e.getMessage(), e);
        }
        return writer.out.toString();
    }

    /** Writes the elements it receives back out as text, minus what {@link ViewDrawing} removes. */
    private static final class Writer extends DefaultHandler {
        private final StringBuilder out = new StringBuilder();
        /** Depth inside a dropped element; everything below it is dropped too. */
        private int droppedDepth;
        private int nextAdvise;

        @Override
        public InputSource resolveEntity(String publicId, String systemId) {
            return new InputSource(new StringReader(""));
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String tag = localName == null || localName.isEmpty() ? qName : localName;
            if (droppedDepth > 0 || removes(uri, tag, attributes)) {
                droppedDepth++;
                // the loader refuses bindings in removed elements; counting them anyway keeps k = Advise.A index
                if (attributes.getIndex("data-vakt-bind") >= 0) nextAdvise++;
                return;
            }
            out.append('<').append(qName);
            boolean bound = false;
            for (int i = 0; i < attributes.getLength(); i++) {
                String name = attributes.getQName(i);
                String value = attributes.getValue(i);
                if (name.equals("data-vakt-bind")) bound = true;
                if (name.equals("data-vakt-advise") || !allowed(name, value)) continue;
                attribute(name, value);
            }
            if (bound) attribute("data-vakt-advise", Integer.toString(nextAdvise++));
            out.append('>');
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (droppedDepth > 0) {
                droppedDepth--;
                return;
            }
            out.append("</").append(qName).append('>');
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (droppedDepth > 0) return;
            for (int i = start; i < start + length; i++) escape(ch[i], false);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) { characters(ch, start, length); }

        private void attribute(String name, String value) {
            out.append(' ').append(name).append("=\"");
            for (int i = 0; i < value.length(); i++) escape(value.charAt(i), true);
            out.append('"');
        }

        private void escape(char c, boolean inAttribute) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(inAttribute ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
    }

    /**
     * Whether the drawing leaves out this element and everything inside it: see {@link #DROPPED_ELEMENTS}; any
     * element outside the SVG namespace (XHTML pasted into a drawing, an editor's metadata), as only SVG is
     * drawn; and animations of links and handlers. {@link SvgHandler} asks the same, so the loader can refuse
     * {@code data-vakt-*} attributes that would vanish with their element.
     */
    static boolean removes(String namespaceUri, String localName, Attributes attributes) {
        String tag = localName.toLowerCase(Locale.ROOT);
        if (DROPPED_ELEMENTS.contains(tag)) return true;
        if (namespaceUri != null && !namespaceUri.isEmpty() && !namespaceUri.equals(SVG_NAMESPACE)) return true;
        if (ANIMATIONS.contains(tag)) {
            String target = localPart(String.valueOf(attributes.getValue("attributeName")));
            return target.equals("href") || target.startsWith("on");
        }
        return false;
    }

    /** Event handlers never; links only inside the drawing or to inline images; no {@code xml:base}. */
    static boolean allowed(String name, String value) {
        String lower = name.toLowerCase(Locale.ROOT);
        String local = localPart(lower);
        if (local.startsWith("on") || lower.equals("xml:base")) return false;
        if (local.equals("href") || local.equals("src")) {
            String target = value.strip().toLowerCase(Locale.ROOT);
            return target.startsWith("#") || target.startsWith("data:image/");
        }
        return true;
    }

    private static String localPart(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.contains(":") ? lower.substring(lower.indexOf(':') + 1) : lower;
    }
}
