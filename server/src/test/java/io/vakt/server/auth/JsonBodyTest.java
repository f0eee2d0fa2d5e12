package io.vakt.server.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonBodyTest {
    @Test
    void anObjectIsParsed() {
        JsonBody body = parse("{\"username\":\"alice\",\"password\":\"pw\",\"remember\":true}");

        assertThat(body).isInstanceOfSatisfying(JsonBody.Parsed.class, parsed -> {
            assertThat(parsed.string("username")).isEqualTo("alice");
            assertThat(parsed.string("remember")).isNull();
            assertThat(parsed.string("absent")).isNull();
        });
    }

    @Test
    void nothingOrWhitespaceIsEmpty() {
        assertThat(JsonBody.parse(null)).isEqualTo(new JsonBody.Empty());
        assertThat(parse("")).isEqualTo(new JsonBody.Empty());
        assertThat(parse(" \r\n")).isEqualTo(new JsonBody.Empty());
        assertThat(JsonBody.of(null)).isEqualTo(new JsonBody.Empty());
        assertThat(JsonBody.of(Map.of("a", "b"))).isEqualTo(new JsonBody.Parsed(Map.of("a", "b")));
    }

    @Test
    void jsonThatIsNotAnObjectIsMalformed() {
        for (String text : new String[] {"[]", "\"text\"", "42", "null", "true"}) {
            assertThat(parse(text)).as(text).isEqualTo(new JsonBody.Malformed("body must be a JSON object"));
        }
    }

    @Test
    void invalidJsonIsMalformed() {
        for (String text : new String[] {"{", "{\"a\":}", "username=alice", "{} {}", "{\"a\":1,\"a\":2}"}) {
            assertThat(parse(text)).as(text).isEqualTo(new JsonBody.Malformed("body is not valid JSON"));
        }
    }

    private static JsonBody parse(String text) {
        return JsonBody.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
