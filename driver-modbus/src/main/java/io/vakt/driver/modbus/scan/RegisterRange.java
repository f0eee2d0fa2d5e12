package io.vakt.driver.modbus.scan;

import io.vakt.driver.modbus.Table;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of one table to scan, both ends included, as 0-based protocol addresses: {@code holding:0-99},
 * {@code coil:0-15}, {@code input:7} (one address).
 */
public record RegisterRange(Table table, int first, int last) {
    private static final Pattern FORM = Pattern.compile("\\s*([A-Za-z_-]+)\\s*:\\s*(\\d+)\\s*(?:-\\s*(\\d+)\\s*)?");

    public RegisterRange {
        if (first < 0 || last > 65535 || first > last) {
            throw new IllegalArgumentException("range " + first + "-" + last + " must lie within 0-65535, first before last");
        }
    }

    /** @throws IllegalArgumentException saying what the text should look like */
    public static RegisterRange parse(String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is no register range: write table:first-last with a"
                    + " table of coil, discrete, holding, input and 0-based addresses, e.g. holding:0-99");
        }
        Table table = Table.parse(matcher.group(1)).orElseThrow(() -> new IllegalArgumentException("\"" + matcher.group(1)
                + "\" is no table: use coil, discrete, holding or input (e.g. holding:0-99)"));
        try {
            int first = Integer.parseInt(matcher.group(2));
            int last = matcher.group(3) == null ? first : Integer.parseInt(matcher.group(3));
            return new RegisterRange(table, first, last);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\": addresses must be from 0 to 65535");
        }
    }

    /** Addresses in the range. */
    public int size() { return last - first + 1; }

    @Override
    public String toString() { return table.label() + ":" + first + (last > first ? "-" + last : ""); }
}
