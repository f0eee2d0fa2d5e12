package io.vakt.bench.drivers;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmark's Modbus TCP device: digitalpetri's own server on loopback with {@code units} units of 10,000
 * holding registers whose values move on every read (so every poll yields new samples), counting the requests
 * and registers it serves.
 */
final class CountingModbusDevice implements ModbusServices, AutoCloseable {
    static final int REGISTERS = 10_000;

    final LongAdder requests = new LongAdder();
    final LongAdder registers = new LongAdder();
    private final int units;
    private final AtomicLong tick = new AtomicLong();
    private final int port;
    private final ModbusTcpServer server;

    CountingModbusDevice(int units) throws Exception {
        this.units = units;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(config -> config
                .setBindAddress("127.0.0.1").setPort(port));
        server = ModbusTcpServer.create(transport, this);
        server.start();
    }

    int port() { return port; }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext context, int unitId,
                                                             ReadHoldingRegistersRequest request)
            throws ModbusResponseException, UnknownUnitIdException {
        if (unitId < 1 || unitId > units) throw new UnknownUnitIdException(unitId);
        if (request.address() + request.quantity() > REGISTERS) {
            throw new ModbusResponseException(FunctionCode.READ_HOLDING_REGISTERS, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        }
        requests.increment();
        registers.add(request.quantity());
        long now = tick.incrementAndGet();
        byte[] data = new byte[2 * request.quantity()];
        for (int i = 0; i < request.quantity(); i++) {
            int value = (int) ((request.address() + i + now) & 0x7FFF);
            data[2 * i] = (byte) (value >> 8);
            data[2 * i + 1] = (byte) value;
        }
        return new ReadHoldingRegistersResponse(data);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // the benchmark is over either way
        }
    }
}
