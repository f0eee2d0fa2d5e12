package io.vakt.driver.modbus;

import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import io.vakt.core.driver.SampleStatus;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ModbusProblemTest {

    @Test
    void namesExceptionsInHexAsTheSpecificationDoes() {
        assertThat(new ModbusProblem.Refused(3, 0x02).describe()).isEqualTo("Modbus exception 02 (illegal data address)");
        assertThat(new ModbusProblem.Refused(3, 0x0B).describe())
                .isEqualTo("Modbus exception 0B (gateway target device failed to respond)");
        assertThat(new ModbusProblem.Refused(3, 0x42).describe()).isEqualTo("Modbus exception 42 (unknown exception code)");
    }

    @Test
    void illegalAddressIsNotExistGatewayFailuresAreUnreachableTheRestErrors() {
        assertThat(new ModbusProblem.Refused(3, 0x02).status()).isEqualTo(SampleStatus.NOT_EXIST);
        assertThat(new ModbusProblem.Refused(3, 0x0A).status()).isEqualTo(SampleStatus.UNREACHABLE);
        assertThat(new ModbusProblem.Refused(3, 0x0B).status()).isEqualTo(SampleStatus.UNREACHABLE);
        assertThat(new ModbusProblem.Refused(3, 0x01).status()).isEqualTo(SampleStatus.ERROR);
        assertThat(new ModbusProblem.Refused(3, 0x04).status()).isEqualTo(SampleStatus.ERROR);
    }

    @Test
    void sortsLibraryFailuresThroughCompletionWrappers() {
        assertThat(ModbusProblem.of(new CompletionException(new ModbusResponseException(3, 2))))
                .isEqualTo(new ModbusProblem.Refused(3, 2));
        assertThat(ModbusProblem.of(new CompletionException(new TimeoutException("request timed out after 300ms"))))
                .isInstanceOf(ModbusProblem.TimedOut.class);
        assertThat(ModbusProblem.of(new java.nio.channels.ClosedChannelException())).isInstanceOf(ModbusProblem.Unconnected.class);
    }
}
