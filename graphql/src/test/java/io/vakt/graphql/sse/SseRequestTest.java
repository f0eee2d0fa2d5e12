package io.vakt.graphql.sse;

import io.vakt.graphql.ws.OperationPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading graphql-sse requests: POST bodies and GET parameters, and a reason for every bad one. */
class SseRequestTest {
    private static SseRequest.Parsed json(String body) { return SseRequest.fromJson(body.getBytes(StandardCharsets.UTF_8)); }

    @Test
    void readsABodyWithItsOperationId() {
        assertThat(json("{\"query\":\"subscription($p:String!){data(path:$p){value}}\",\"variables\":{\"p\":\"x\"},"
                + "\"operationName\":null,\"extensions\":{\"operationId\":\"abc\"}}"))
                .isEqualTo(new SseRequest.Parsed.Ok(new OperationPayload("subscription($p:String!){data(path:$p){value}}",
                        Map.of("p", "x"), null), "abc"));
        assertThat(json("{\"query\":\"{ __typename }\",\"operationName\":\"Q\"}"))
                .isEqualTo(new SseRequest.Parsed.Ok(new OperationPayload("{ __typename }", Map.of(), "Q"), null));
    }

    @Test
    void readsGetParameters() {
        assertThat(SseRequest.fromParameters("{ __typename }", "{\"a\":1}", null, "{\"operationId\":\"g\"}"))
                .isEqualTo(new SseRequest.Parsed.Ok(new OperationPayload("{ __typename }", Map.of("a", 1), null), "g"));
        assertThat(SseRequest.fromParameters("{ __typename }", "{not json", null, null))
                .isInstanceOfSatisfying(SseRequest.Parsed.Invalid.class, invalid -> assertThat(invalid.reason()).contains("variables"));
        assertThat(SseRequest.fromParameters(null, null, null, null)).isInstanceOf(SseRequest.Parsed.Invalid.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "                                                         | JSON object",
            "{oops                                                    | not valid JSON",
            "[1,2]                                                    | JSON object",
            "{\"variables\":{}}                                       | no \"query\"",
            "{\"query\":\"\"}                                         | no \"query\"",
            "{\"query\":\"{a}\",\"variables\":[1]}                    | \"variables\" must be",
            "{\"query\":\"{a}\",\"operationName\":3}                  | \"operationName\" must be",
            "{\"query\":\"{a}\",\"extensions\":\"x\"}                 | \"extensions\" must be",
            "{\"query\":\"{a}\",\"extensions\":{\"operationId\":7}}   | operationId",
    })
    void namesWhatIsWrong(String body, String reason) {
        assertThat(json(body == null ? "" : body))
                .isInstanceOfSatisfying(SseRequest.Parsed.Invalid.class, invalid -> assertThat(invalid.reason()).contains(reason));
    }
}
