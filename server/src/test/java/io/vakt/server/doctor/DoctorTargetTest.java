package io.vakt.server.doctor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DoctorTargetTest {
    @ParameterizedTest
    @ValueSource(strings = {"https://bms.example.com", "https://bms.example.com/", "https://bms.example.com/arrigo",
            "https://bms.example.com/arrigo/", "https://bms.example.com/arrigo/api", "https://BMS.example.com/Arrigo/API/",
            "bms.example.com", "wss://bms.example.com/arrigo/api"})
    void whatUsersTypeNormalisesToOneTarget(String typed) {
        DoctorTarget target = DoctorTarget.parse(typed);
        assertThat(target.origin()).isEqualToIgnoringCase("https://bms.example.com");
        assertThat(target.prefix()).isEmpty();
        assertThat(target.httpUri("/health").toString()).isEqualToIgnoringCase("https://bms.example.com/arrigo/api/health");
        assertThat(target.webSocketUri("/wamp").toString()).isEqualToIgnoringCase("wss://bms.example.com/arrigo/api/wamp");
    }

    @ParameterizedTest
    @CsvSource({
            "http://10.0.0.5:8080/arrigo, http://10.0.0.5:8080, '', ws://10.0.0.5:8080/arrigo/api/graphql/ws",
            "https://host/site1/arrigo/api, https://host, /site1, wss://host/site1/arrigo/api/graphql/ws",
            "http://[::1]:9000, http://[::1]:9000, '', ws://[::1]:9000/arrigo/api/graphql/ws",
            "https://host:443/arrigo, https://host, '', wss://host/arrigo/api/graphql/ws"})
    void portsPrefixesAndAddressesAreKept(String typed, String origin, String prefix, String graphqlWs) {
        DoctorTarget target = DoctorTarget.parse(typed);
        assertThat(target.origin()).isEqualTo(origin);
        assertThat(target.prefix()).isEqualTo(prefix);
        assertThat(target.webSocketUri("/graphql/ws").toString()).isEqualTo(graphqlWs);
    }

    @Test
    void addressesAreNotResolved() {
        assertThat(DoctorTarget.parse("http://[::1]:9000").hostIsAddress()).isTrue();
        assertThat(DoctorTarget.parse("http://127.0.0.1").hostIsAddress()).isTrue();
        assertThat(DoctorTarget.parse("http://localhost").hostIsAddress()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ftp://host | must start with https:// or http://",
            "https://user:pw@host | put credentials in --user/--password or --token, not in the URL",
            "'  ' | give the server's URL",
            "https://exa mple.com | is not a URL"})
    void badUrlsAreRefusedSayingWhy(String typed, String message) {
        assertThatThrownBy(() -> DoctorTarget.parse(typed)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
