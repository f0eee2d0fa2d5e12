package io.vakt.core.error;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault catalogue: the exact texts and codes peers look for. */
class FaultTest {

    @Test
    void invalidPathHasTheExactMessageClientsLookFor() {
        assertThat(Fault.INVALID_PATH.message()).isEqualTo("Invalid path");
        assertThat(Fault.INVALID_PATH.exception()).hasMessage("Invalid path");
    }

    @Test
    void expiredTokenOnAWebSocketIsInvalidAuthTokenWithClose4401() {
        assertThat(Fault.INVALID_AUTH_TOKEN.message()).isEqualTo("INVALID_AUTH_TOKEN");
        assertThat(Fault.INVALID_AUTH_TOKEN.closeCode()).isEqualTo(4401);
    }

    @Test
    void transportWsFaultsCloseWithTheProtocolsCodes() {
        assertThat(Fault.UNKNOWN_MESSAGE.closeCode()).isEqualTo(4400);
        assertThat(Fault.SUBSCRIBE_BEFORE_ACK.closeCode()).isEqualTo(4401);
        assertThat(Fault.FORBIDDEN_INIT.closeCode()).isEqualTo(4403);
        assertThat(Fault.UNSUPPORTED_SUBPROTOCOL.closeCode()).isEqualTo(4406);
        assertThat(Fault.INIT_TIMEOUT.closeCode()).isEqualTo(4408);
        assertThat(Fault.DUPLICATE_OPERATION.closeCode()).isEqualTo(4409);
        assertThat(Fault.TOO_MANY_INIT.closeCode()).isEqualTo(4429);
    }

    @Test
    void aDetailReplacesTheMessageButKeepsTheFault() {
        VaktException e = Fault.OUT_OF_RANGE.exception("30 is outside [14, 26]");
        assertThat(e).hasMessage("30 is outside [14, 26]");
        assertThat(e.fault()).isEqualTo(Fault.OUT_OF_RANGE);
        assertThat(new VaktException(Fault.NOT_WRITABLE, null)).hasMessage("Variable is not writable");
    }

    @Test
    void faultsCarryNoStackTrace() {
        assertThat(Fault.INVALID_VALUE.exception().getStackTrace()).isEmpty();
    }

    @Test
    void everyFaultHasAMessageAnHttpStatusAndAWampUri() {
        for (Fault fault : Fault.values()) {
            assertThat(fault.message()).as(fault.name()).isNotBlank();
            assertThat(fault.httpStatus()).as(fault.name()).isBetween(400, 599);
            assertThat(fault.wampUri()).as(fault.name()).matches("(wamp|vakt)\\.[a-z_.]+");
        }
        assertThat(Arrays.stream(Fault.values()).map(Fault::message).distinct().count())
                .as("one peer-facing text per fault").isEqualTo(Fault.values().length);
    }
}
