package io.ponte.hub.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.testing.TestHub;
import org.junit.jupiter.api.Test;

/** A connection's URL fields are checked against the outbound policy when it is saved. */
class OutboundUrlsTest {

    private static TestHub.Response create(TestHub hub, String url) {
        return hub.post("/api/v1/connections", TestHub.parse("{\"connector\":\"chat\",\"name\":\"c\",\"config\":"
                + "{\"callbackUrl\":\"" + url + "\"}}"));
    }

    @Test
    void a_url_to_cloud_metadata_is_refused_naming_the_field_and_the_setting() {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector()).start()) {
            TestHub.Response r = create(hub, "http://169.254.169.254/latest/meta-data/iam/");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("config.callbackUrl").contains("PONTE_OUTBOUND_POLICY");
            assertThat(create(hub, "http://127.0.0.1:5678/hook").status()).as("self-hosted n8n").isEqualTo(201);
        }
    }

    @Test
    void strict_mode_keeps_connections_off_the_local_network_unless_the_host_is_allowed() {
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector()).env("PONTE_OUTBOUND_POLICY", "strict")
                .start()) {
            assertThat(create(hub, "http://127.0.0.1:5678/hook").status()).isEqualTo(400);
            assertThat(create(hub, "http://192.168.0.20/crm").status()).isEqualTo(400);
        }
        try (TestHub hub = TestHub.builder().connectors(new ChatConnector()).env("PONTE_OUTBOUND_POLICY", "strict")
                .env("PONTE_OUTBOUND_ALLOW", "127.0.0.1").start()) {
            assertThat(create(hub, "http://127.0.0.1:5678/hook").status()).isEqualTo(201);
        }
    }
}
