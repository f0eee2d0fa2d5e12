package io.vakt.core.simulator;

import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds points of a test controller, all defined in {@code controllers/SIM.yaml}. */
final class TestPoint {
    static final String FILE = "controllers/SIM.yaml";

    private final String address;
    private final PointType type;
    private boolean writable;
    private Double min;
    private Double max;
    private int line = 12;
    private final Map<String, String> options = new LinkedHashMap<>();

    private TestPoint(String address, PointType type) {
        this.address = address;
        this.type = type;
    }

    static TestPoint real(String address) { return new TestPoint(address, PointType.REAL); }

    static TestPoint integer(String address) { return new TestPoint(address, PointType.INTEGER); }

    static TestPoint digital(String address) { return new TestPoint(address, PointType.DIGITAL); }

    static TestPoint string(String address) { return new TestPoint(address, PointType.STRING); }

    TestPoint sim(String sim) { return option("sim", sim); }

    TestPoint initial(String initial) { return option("initial", initial); }

    TestPoint option(String key, String value) {
        options.put(key, value);
        return this;
    }

    TestPoint writable() {
        writable = true;
        return this;
    }

    TestPoint range(double min, double max) {
        this.min = min;
        this.max = max;
        return this;
    }

    TestPoint line(int line) {
        this.line = line;
        return this;
    }

    Point build() {
        return new Point(address, type, "", writable, min, max, "", options, new SourceRef(FILE, line));
    }
}
