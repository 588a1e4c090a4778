package io.ponte.plugins.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GraphErrorTest {

    private static GraphError parse(int status, String body) {
        return GraphError.parse(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_the_graph_error_envelope_and_classifies_the_throughput_limit_as_rate_limited() {
        // the shape of Meta's error-codes page example
        GraphError e = parse(400, """
                {"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,
                 "error_data":{"messaging_product":"whatsapp","details":"Cloud API message throughput has been reached."},
                 "error_subcode":2494055,"fbtrace_id":"AbCdEfGh123"}}""");
        assertThat(e.code()).isEqualTo(130429);
        assertThat(e.subcode()).isEqualTo(2494055);
        assertThat(e.kind()).isEqualTo(GraphError.Kind.RATE_LIMITED);
        assertThat(e.describe()).contains("130429").contains("throughput").contains("AbCdEfGh123");
    }

    @Test
    void an_expired_token_is_auth_a_5xx_is_transient_an_invalid_parameter_is_permanent() {
        assertThat(parse(401, "{\"error\":{\"message\":\"Error validating access token\",\"type\":\"OAuthException\","
                + "\"code\":190}}").kind()).isEqualTo(GraphError.Kind.AUTH);
        assertThat(parse(403, "{\"error\":{\"message\":\"(#200) Permissions error\",\"code\":200}}").kind())
                .isEqualTo(GraphError.Kind.AUTH);
        assertThat(parse(503, "<html>Service Unavailable</html>").kind()).isEqualTo(GraphError.Kind.TRANSIENT);
        assertThat(parse(500, "{\"error\":{\"message\":\"An unknown error occurred\",\"code\":1}}").kind())
                .isEqualTo(GraphError.Kind.TRANSIENT);
        assertThat(parse(400, "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"code\":100}}").kind())
                .isEqualTo(GraphError.Kind.PERMANENT);
        assertThat(parse(429, "").kind()).isEqualTo(GraphError.Kind.RATE_LIMITED);
    }
}
