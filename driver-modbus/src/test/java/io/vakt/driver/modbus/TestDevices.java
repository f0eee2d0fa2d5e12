package io.vakt.driver.modbus;

/** Gives tests of other packages the {@link TestDevice}. */
public final class TestDevices {
    private TestDevices() {}

    /** A running test device with the given units. */
    public static Handle start(int... units) throws Exception { return new Handle(new TestDevice(units)); }

    public static int freePort() throws java.io.IOException { return TestDevice.freePort(); }

    /** A test device as other packages see it. */
    public record Handle(TestDevice device) implements AutoCloseable {
        public int port() { return device.port; }

        public void hole(int unit, int address) { device.unit(unit).holes.add(address); }

        public void setHolding(int unit, int address, int value) { device.unit(unit).holding[address] = value; }

        @Override
        public void close() throws Exception { device.close(); }
    }
}
