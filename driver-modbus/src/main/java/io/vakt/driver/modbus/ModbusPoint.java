package io.vakt.driver.modbus;

import io.vakt.core.driver.support.SettingReader;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point of a Modbus controller with its options resolved: where it lives (unit, table, 0-based protocol
 * address), how it is encoded (format, order, bit) and scaled ({@code value = raw * scale + offset}), and
 * its poll group.
 */
public record ModbusPoint(Point point, int unitId, Table table, int address, Format format, Order order, int bit,
                          double scale, double offset, Poll poll) {
    static final List<String> KEYS = List.of("register", "format", "order", "bit", "scale", "offset", "unitId", "poll");
    private static final Pattern REGISTER = Pattern.compile("\\s*([A-Za-z_-]+)\\s*:\\s*(\\S+)\\s*");
    private static final Pattern LEGACY = Pattern.compile("\\s*([0-4])(\\d{4,5})\\s*");

    /**
     * Reads the options of {@code point}.
     *
     * @throws io.vakt.core.project.ProjectException naming the point's line, the option and what was expected
     */
    public static ModbusPoint of(Point point, ModbusSettings settings) {
        SettingReader options = SettingReader.options(point, ModbusDriverFactory.NAME, KEYS);
        String register = options.required("register");
        Matcher matcher = REGISTER.matcher(register);
        if (!matcher.matches()) throw options.bad("register", expectedRegister(register));
        Table table = Table.parse(matcher.group(1)).orElseThrow(() -> options.bad("register",
                "names no table: use coil, discrete, holding or input, e.g. holding:100"));
        int address;
        try {
            address = Integer.parseInt(matcher.group(2));
        } catch (NumberFormatException e) {
            throw options.bad("register", "needs a 0-based protocol address from 0 to 65535 after the table");
        }
        if (address < 0 || address > 65535) throw options.bad("register", "address must be from 0 to 65535");

        boolean hasBit = options.has("bit");
        Format fallback = table.bits() ? Format.BOOL : hasBit ? Format.BIT : Format.INT16;
        Format format = options.choice("format", fallback, Format.class);
        if (table.bits() && format != Format.BOOL) {
            throw options.bad("format", "does not fit a " + table.label() + ", which holds one bit: use bool or leave it out");
        }
        if (!table.bits() && format == Format.BOOL) {
            throw options.bad("format", "is for coils and discrete inputs; for one bit of a register use bit: 0..15");
        }
        int bit = options.integer("bit", 0, 0, 15);
        if (hasBit && format != Format.BIT) throw options.bad("bit", "only goes with format bit (one bit of a register)");
        if (format.registers() > 1 && address + format.registers() - 1 > 65535) {
            throw options.bad("register", "leaves no room for the " + format.registers() + " registers of " + label(format));
        }
        if (options.has("order") && !format.isNumber() && format != Format.BIT) {
            throw options.bad("order", "only applies to registers");
        }
        Order order = options.choice("order", Order.ABCD, Order.class);
        double scale = options.number("scale", 1);
        if (scale == 0) throw options.bad("scale", "must not be 0");
        double offset = options.number("offset", 0);
        if ((options.has("scale") || options.has("offset")) && !format.isNumber()) {
            throw options.bad(options.has("scale") ? "scale" : "offset", "only applies to register numbers, not to " + label(format));
        }
        int unitId = options.integer("unitId", settings.unitId(), 0, 255);
        Poll poll = options.choice("poll", Poll.NORMAL, Poll.class);
        if (point.type() == PointType.STRING) {
            throw new io.vakt.core.project.ProjectException(point.source(),
                    "point " + point.address() + ": the modbus driver has no string points (type real, integer or digital)");
        }
        if (point.writable() && !table.writable()) {
            throw options.bad("register", "is a read-only table (" + table.label() + "), but the point says writable: yes");
        }
        return new ModbusPoint(point, unitId, table, address, format, order, bit, scale, offset, poll);
    }

    /** Items of its table the value covers. */
    public int width() { return format.width(); }

    /** The last address it covers. */
    public int lastAddress() { return address + width() - 1; }

    /** {@code value = raw * scale + offset}. */
    public double scaled(double raw) { return raw * scale + offset; }

    /** The raw number that scales to {@code value}. */
    public double raw(double value) { return (value - offset) / scale; }

    /** {@code holding:100} (unit 1). */
    public String where() { return table.label() + ":" + address + " (unit " + unitId + ")"; }

    private static String expectedRegister(String text) {
        Matcher legacy = LEGACY.matcher(text);
        if (legacy.matches()) {
            Table table = switch (legacy.group(1)) {
                case "0" -> Table.COIL;
                case "1" -> Table.DISCRETE;
                case "3" -> Table.INPUT;
                default -> Table.HOLDING;
            };
            int number = Integer.parseInt(legacy.group(2));
            if (number >= 1 && !legacy.group(1).equals("2")) {
                return "is a 1-based register number, which devices count differently; write the 0-based protocol address"
                        + " with its table, e.g. " + table.label() + ":" + (number - 1);
            }
        }
        return "must be a table and a 0-based protocol address, e.g. holding:100, input:0, coil:3, discrete:7";
    }

    private static String label(Format format) { return format.name().toLowerCase(Locale.ROOT); }
}
