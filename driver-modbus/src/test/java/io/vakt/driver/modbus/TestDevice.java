package io.vakt.driver.modbus;

import com.digitalpetri.modbus.ExceptionCode;
import com.digitalpetri.modbus.FunctionCode;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilResponse;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Modbus TCP device on loopback made of the library's own {@link ModbusTcpServer}: units with 100 of
 * each table; addresses from {@code size} on answer exception 02; unknown units do not answer. Records
 * every request as {@code "unit fc first count"} so tests can see the driver's block plan.
 */
final class TestDevice implements ModbusServices, AutoCloseable {
    static final int SIZE = 100;

    static final class Unit {
        final int[] holding = new int[SIZE];
        final int[] input = new int[SIZE];
        final boolean[] coils = new boolean[SIZE];
        final boolean[] discrete = new boolean[SIZE];
        /** Holding addresses that answer exception 02 although inside the table (a gap in the device's map). */
        final java.util.Set<Integer> holes = ConcurrentHashMap.newKeySet();
        /** Holding addresses whose reads and writes answer exception 04 (server device failure). */
        final java.util.Set<Integer> failing = ConcurrentHashMap.newKeySet();
    }

    final Map<Integer, Unit> units = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final int port;
    private ModbusTcpServer server;

    TestDevice(int... unitIds) throws Exception {
        for (int id : unitIds) units.put(id, new Unit());
        this.port = freePort();
        start();
    }

    Unit unit(int id) { return units.get(id); }

    synchronized void start() throws Exception {
        NettyTcpServerTransport transport = NettyTcpServerTransport.create(config -> config
                .setBindAddress("127.0.0.1").setPort(port));
        server = ModbusTcpServer.create(transport, this);
        server.start();
    }

    synchronized void stop() throws Exception {
        if (server != null) server.stop();
        server = null;
    }

    @Override
    public void close() throws Exception { stop(); }

    private Unit check(int unitId) throws UnknownUnitIdException {
        Unit unit = units.get(unitId);
        if (unit == null) throw new UnknownUnitIdException(unitId);
        return unit;
    }

    private static void range(FunctionCode function, int first, int count) throws ModbusResponseException {
        if (first < 0 || first + count > SIZE) throw new ModbusResponseException(function, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(ModbusRequestContext context, int unitId,
                                                             ReadHoldingRegistersRequest request)
            throws ModbusResponseException, UnknownUnitIdException {
        Unit unit = check(unitId);
        requests.add(unitId + " 3 " + request.address() + " " + request.quantity());
        range(FunctionCode.READ_HOLDING_REGISTERS, request.address(), request.quantity());
        for (int a = request.address(); a < request.address() + request.quantity(); a++) {
            if (unit.holes.contains(a)) {
                throw new ModbusResponseException(FunctionCode.READ_HOLDING_REGISTERS, ExceptionCode.ILLEGAL_DATA_ADDRESS);
            }
            if (unit.failing.contains(a)) {
                throw new ModbusResponseException(FunctionCode.READ_HOLDING_REGISTERS, ExceptionCode.SLAVE_DEVICE_FAILURE);
            }
        }
        return new ReadHoldingRegistersResponse(registers(unit.holding, request.address(), request.quantity()));
    }

    @Override
    public ReadInputRegistersResponse readInputRegisters(ModbusRequestContext context, int unitId,
                                                         ReadInputRegistersRequest request)
            throws ModbusResponseException, UnknownUnitIdException {
        Unit unit = check(unitId);
        requests.add(unitId + " 4 " + request.address() + " " + request.quantity());
        range(FunctionCode.READ_INPUT_REGISTERS, request.address(), request.quantity());
        return new ReadInputRegistersResponse(registers(unit.input, request.address(), request.quantity()));
    }

    @Override
    public ReadCoilsResponse readCoils(ModbusRequestContext context, int unitId, ReadCoilsRequest request)
            throws ModbusResponseException, UnknownUnitIdException {
        Unit unit = check(unitId);
        requests.add(unitId + " 1 " + request.address() + " " + request.quantity());
        range(FunctionCode.READ_COILS, request.address(), request.quantity());
        return new ReadCoilsResponse(bits(unit.coils, request.address(), request.quantity()));
    }

    @Override
    public ReadDiscreteInputsResponse readDiscreteInputs(ModbusRequestContext context, int unitId,
                                                         ReadDiscreteInputsRequest request)
            throws ModbusResponseException, UnknownUnitIdException {
        Unit unit = check(unitId);
        requests.add(unitId + " 2 " + request.address() + " " + request.quantity());
        range(FunctionCode.READ_DISCRETE_INPUTS, request.address(), request.quantity());
        return new ReadDiscreteInputsResponse(bits(unit.discrete, request.address(), request.quantity()));
    }

    @Override
    public WriteSingleCoilResponse writeSingleCoil(ModbusRequestContext context, int unitId, WriteSingleCoilRequest request)
            throws ModbusResponseException, UnknownUnitIdException {
        Unit unit = check(unitId);
        requests.add(unitId + " 5 " + request.address() + " 1");
        range(FunctionCode.WRITE_SINGLE_COIL, request.address(), 1);
        unit.coils[request.address()] = request.value() != 0;
        return new WriteSingleCoilResponse(request.address(), request.value());
    }

    @Override
    public WriteSingleRegisterResponse writeSingleRegister(ModbusRequestContext context, int unitId,
                                                           WriteSingleRegisterRequest request)
            throws ModbusResponseException, UnknownUnitIdException {
        Unit unit = check(unitId);
        requests.add(unitId + " 6 " + request.address() + " 1");
        range(FunctionCode.WRITE_SINGLE_REGISTER, request.address(), 1);
        if (unit.failing.contains(request.address())) {
            throw new ModbusResponseException(FunctionCode.WRITE_SINGLE_REGISTER, ExceptionCode.SLAVE_DEVICE_FAILURE);
        }
        unit.holding[request.address()] = request.value() & 0xFFFF;
        return new WriteSingleRegisterResponse(request.address(), request.value());
    }

    @Override
    public WriteMultipleRegistersResponse writeMultipleRegisters(ModbusRequestContext context, int unitId,
                                                                 WriteMultipleRegistersRequest request)
            throws ModbusResponseException, UnknownUnitIdException {
        Unit unit = check(unitId);
        requests.add(unitId + " 16 " + request.address() + " " + request.quantity());
        range(FunctionCode.WRITE_MULTIPLE_REGISTERS, request.address(), request.quantity());
        byte[] values = request.values();
        for (int i = 0; i < request.quantity(); i++) {
            unit.holding[request.address() + i] = (values[2 * i] & 0xFF) << 8 | (values[2 * i + 1] & 0xFF);
        }
        return new WriteMultipleRegistersResponse(request.address(), request.quantity());
    }

    private static byte[] registers(int[] table, int first, int count) {
        byte[] out = new byte[2 * count];
        for (int i = 0; i < count; i++) {
            out[2 * i] = (byte) (table[first + i] >> 8);
            out[2 * i + 1] = (byte) table[first + i];
        }
        return out;
    }

    private static byte[] bits(boolean[] table, int first, int count) {
        byte[] out = new byte[(count + 7) / 8];
        for (int i = 0; i < count; i++) {
            if (table[first + i]) out[i / 8] |= (byte) (1 << (i % 8));
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
