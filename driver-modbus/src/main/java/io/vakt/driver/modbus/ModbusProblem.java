package io.vakt.driver.modbus;

import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.ModbusTimeoutException;
import io.vakt.core.driver.SampleStatus;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Why a request failed, sorted into what the driver does about it: the device refused it with an exception
 * response (its points get a status, a write fails with the device's reason), nobody answered in time, or
 * the connection is not there.
 */
public sealed interface ModbusProblem {

    /** The device answered with Modbus exception {@code code} (Modbus Application Protocol §7). */
    record Refused(int functionCode, int code) implements ModbusProblem {
        /** {@code Modbus exception 02 (illegal data address)}. */
        @Override
        public String describe() {
            // names as in the Modbus Application Protocol specification V1.1b3 §7, codes in hex as it writes them
            String name = switch (code) {
                case 0x01 -> "illegal function";
                case 0x02 -> "illegal data address";
                case 0x03 -> "illegal data value";
                case 0x04 -> "server device failure";
                case 0x05 -> "acknowledge";
                case 0x06 -> "server device busy";
                case 0x08 -> "memory parity error";
                case 0x0A -> "gateway path unavailable";
                case 0x0B -> "gateway target device failed to respond";
                default -> "unknown exception code";
            };
            return String.format(Locale.ROOT, "Modbus exception %02X (%s)", code, name);
        }

        /**
         * 02 means the address does not exist; 0A/0B mean a gateway could not reach the device, which is
         * unreachable rather than wrong; everything else is an error of the device.
         */
        public SampleStatus status() {
            return switch (code) {
                case 0x02 -> SampleStatus.NOT_EXIST;
                case 0x0A, 0x0B -> SampleStatus.UNREACHABLE;
                default -> SampleStatus.ERROR;
            };
        }
    }

    /** No answer within the request timeout. */
    record TimedOut(String message) implements ModbusProblem {
        @Override
        public String describe() { return message; }
    }

    /** The connection is down or broke while the request was under way. */
    record Unconnected(String message) implements ModbusProblem {
        @Override
        public String describe() { return message; }
    }

    String describe();

    /** Sorts a failure of a library stage. */
    static ModbusProblem of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ModbusResponseException refused) {
            return new Refused(refused.getFunctionCode(), refused.getExceptionCode());
        }
        if (cause instanceof TimeoutException || cause instanceof ModbusTimeoutException) {
            return new TimedOut("no answer: " + cause.getMessage());
        }
        if (cause instanceof NotConnected) return new Unconnected(cause.getMessage());
        String message = cause.getMessage();
        return new Unconnected(message == null || message.isBlank() ? cause.getClass().getSimpleName() : message);
    }

    /** Fails a request that was never sent because the link is down. */
    final class NotConnected extends RuntimeException {
        public NotConnected(String message) {
            super(message, null, false, false);
        }
    }
}
