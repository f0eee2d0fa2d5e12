package io.vakt.core.path;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An element path into a node's content naming one advised element: {@code Cwl.Advise.A[3]} for a
 * published variable list, {@code Cwv.Advise.A[3]} for a view (spec §3, §5).
 */
public record ElementPath(String root, int index) {
    private static final Pattern FORM = Pattern.compile("(Cw[a-z]{1,3})\\.Advise\\.A\\[(\\d{1,6})]");

    public ElementPath {
        if (index < 0) throw new IllegalArgumentException("negative index");
    }

    public static Optional<ElementPath> parse(String text) {
        if (text == null) return Optional.empty();
        Matcher matcher = FORM.matcher(text.trim());
        if (!matcher.matches()) return Optional.empty();
        return Optional.of(new ElementPath(matcher.group(1), Integer.parseInt(matcher.group(2))));
    }

    @Override
    public String toString() { return root + ".Advise.A[" + index + "]"; }
}
