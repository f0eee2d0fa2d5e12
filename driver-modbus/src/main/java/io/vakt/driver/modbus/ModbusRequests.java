package io.vakt.driver.modbus;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;

import java.util.Arrays;
import java.util.concurrent.CompletionStage;

/**
 * The Modbus functions the driver uses, over the library's client: reads of the four tables (functions
 * 1–4), and writes of a coil (5), a register (6) or several registers (16). Reads answer the raw data
 * bytes: register bytes high byte first, or bits packed from the least significant bit of the first byte.
 */
public final class ModbusRequests {
    private ModbusRequests() {}

    /** Reads {@code count} items of {@code table} from {@code first}: functions 1 to 4. */
    public static CompletionStage<byte[]> read(ModbusTcpClient client, int unitId, Table table, int first, int count) {
        return switch (table) {
            case COIL -> client.readCoilsAsync(unitId, new ReadCoilsRequest(first, count)).thenApply(ReadCoilsResponse::coils);
            case DISCRETE -> client.readDiscreteInputsAsync(unitId, new ReadDiscreteInputsRequest(first, count))
                    .thenApply(ReadDiscreteInputsResponse::inputs);
            case HOLDING -> client.readHoldingRegistersAsync(unitId, new ReadHoldingRegistersRequest(first, count))
                    .thenApply(ReadHoldingRegistersResponse::registers);
            case INPUT -> client.readInputRegistersAsync(unitId, new ReadInputRegistersRequest(first, count))
                    .thenApply(ReadInputRegistersResponse::registers);
        };
    }

    static CompletionStage<byte[]> read(ModbusTcpClient client, ReadBlock block) {
        return read(client, block.unitId(), block.table(), block.first(), block.count());
    }

    /** The raw (unscaled) number of {@code point} in the data of {@code block}, which covers it. */
    static double raw(ModbusPoint point, ReadBlock block, byte[] data) {
        int index = point.address() - block.first();
        if (point.table().bits()) {
            if (index / 8 >= data.length) throw new IllegalStateException("short answer for " + block.describe());
            return (data[index / 8] >> (index % 8)) & 1;
        }
        int from = 2 * index;
        int to = from + 2 * point.format().registers();
        if (to > data.length) throw new IllegalStateException("short answer for " + block.describe());
        return RegisterCodec.decode(point.format(), point.order(), Arrays.copyOfRange(data, from, to), point.bit());
    }

    static CompletionStage<Void> writeCoil(ModbusTcpClient client, int unitId, int address, boolean on) {
        return client.writeSingleCoilAsync(unitId, new WriteSingleCoilRequest(address, on)).thenApply(response -> null);
    }

    /** Writes register bytes: function 6 for one register unless {@code multiple}, function 16 otherwise. */
    static CompletionStage<Void> writeRegisters(ModbusTcpClient client, int unitId, int address, byte[] bytes, boolean multiple) {
        int registers = bytes.length / 2;
        if (registers == 1 && !multiple) {
            int value = (bytes[0] & 0xFF) << 8 | (bytes[1] & 0xFF);
            return client.writeSingleRegisterAsync(unitId, new WriteSingleRegisterRequest(address, value)).thenApply(response -> null);
        }
        return client.writeMultipleRegistersAsync(unitId, new WriteMultipleRegistersRequest(address, registers, bytes))
                .thenApply(response -> null);
    }
}
