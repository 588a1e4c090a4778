package io.ponte.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.hub.config.ConfigException;
import io.ponte.hub.config.ConfigLoader;
import io.ponte.hub.testing.TestHub;
import java.net.http.HttpRequest;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Rate limits, body limits per route class, JSON depth, security headers, CORS and the docs page, over HTTP. */
class HttpPolicyTest {

    private static HttpRequest.Builder get(TestHub hub, String path) {
        return HttpRequest.newBuilder(hub.uri(path)).header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN);
    }

    @Test
    void an_admin_token_over_its_rate_gets_429_with_retry_after_and_rate_limit_headers() {
        try (TestHub hub = TestHub.builder().env("PONTE_RATE_LIMIT_ADMIN", "3/1m").start()) {
            for (int i = 3; i >= 1; i--) {
                TestHub.Response ok = hub.get("/api/v1/connections");
                assertThat(ok.status()).isEqualTo(200);
                assertThat(ok.header("RateLimit-Limit")).isEqualTo("3");
                assertThat(ok.header("RateLimit-Remaining")).isEqualTo(Integer.toString(i - 1));
            }
            TestHub.Response limited = hub.get("/api/v1/connections");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("type").asText()).isEqualTo("urn:ponte:problem:rate-limited");
            assertThat(limited.json().get("detail").asText()).contains("PONTE_RATE_LIMIT_ADMIN");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(hub.get("/health/live").status()).as("health is not rate limited").isEqualTo(200);
        }
    }

    @Test
    void a_webhook_connection_over_its_rate_gets_429_and_nothing_is_stored() {
        try (TestHub hub = TestHub.builder().env("PONTE_RATE_LIMIT_HOOKS", "2/1m")
                .connectors(new io.ponte.hub.conversations.ChatConnectorAccess().factory()).start()) {
            String chat = hub.createConnection("chat", "chat", Map.of());
            for (int i = 0; i < 2; i++) {
                assertThat(hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m" + i + "\",\"from\":\"1\",\"text\":\"x\"}]")
                        .status()).isEqualTo(200);
            }
            TestHub.Response limited = hub.hook(chat, "[{\"kind\":\"message\",\"id\":\"m9\",\"from\":\"1\",\"text\":\"x\"}]");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotNull();
            assertThat(hub.events("connection=" + chat)).hasSize(2);
        }
    }

    @Test
    void webhooks_take_larger_bodies_than_the_admin_api_and_deep_json_is_refused() {
        try (TestHub hub = TestHub.builder().start()) {
            String big = "{\"connector\":\"http\",\"name\":\"" + "x".repeat(1_200_000) + "\"}";
            // expects 100-continue, as curl does for a large upload: the 413 then arrives before the body is sent,
            // instead of racing a client still writing to a connection the server closed (McpServerIT saw that once)
            TestHub.Response admin = hub.send(get(hub, "/api/v1/connections").expectContinue(true)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(big)));
            assertThat(admin.status()).isEqualTo(413);
            assertThat(admin.json().get("detail").asText()).contains("PONTE_HTTP_MAX_BODY_BYTES");

            String deep = "{\"connector\":\"http\",\"name\":\"d\",\"config\":" + "{\"a\":".repeat(100) + "1"
                    + "}".repeat(100) + "}";
            TestHub.Response nested = hub.post("/api/v1/connections", deep);
            assertThat(nested.status()).isEqualTo(400);
            assertThat(nested.json().get("type").asText()).isEqualTo("urn:ponte:problem:malformed-json");
            assertThat(hub.get("/api/v1/connections").json().get("items")).isEmpty();
        }
    }

    @Test
    void every_answer_carries_security_headers_and_cors_is_off_unless_configured() {
        try (TestHub hub = TestHub.builder().start()) {
            TestHub.Response r = hub.send(get(hub, "/api/v1/connections").header("Origin", "https://evil.example"));
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("Access-Control-Allow-Origin")).isNull();
        }
        try (TestHub hub = TestHub.builder().env("PONTE_CORS_ORIGINS", "https://console.example.com").start()) {
            TestHub.Response allowed = hub.send(get(hub, "/api/v1/connections")
                    .header("Origin", "https://console.example.com"));
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://console.example.com");
            assertThat(hub.send(get(hub, "/api/v1/connections").header("Origin", "https://evil.example"))
                    .header("Access-Control-Allow-Origin")).isNull();
            TestHub.Response preflight = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/connections"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://console.example.com").header("Access-Control-Request-Method", "POST"));
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
            TestHub.Response refused = hub.send(HttpRequest.newBuilder(hub.uri("/api/v1/connections"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example"));
            assertThat(refused.status()).isEqualTo(403);
        }
    }

    @Test
    void the_docs_page_renders_the_openapi_document_with_its_own_script() {
        try (TestHub hub = TestHub.builder().start()) {
            TestHub.Response page = hub.send(HttpRequest.newBuilder(hub.uri("/docs")));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.body()).contains("<script src=\"/docs/openapi.js\"></script>");
            assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
            TestHub.Response script = hub.send(HttpRequest.newBuilder(hub.uri("/docs/openapi.js")));
            assertThat(script.body()).contains("fetch('/openapi.json')").doesNotContain("innerHTML =");
        }
    }

    @Test
    void an_unreadable_rate_or_origin_stops_the_hub_naming_the_setting() {
        Assertions.assertThatThrownBy(() -> ConfigLoader.load(Map.of("PONTE_RATE_LIMIT_ADMIN", "fast"), null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PONTE_RATE_LIMIT_ADMIN");
        Assertions.assertThatThrownBy(() -> ConfigLoader.load(Map.of("PONTE_CORS_ORIGINS", "console.example.com/x"),
                null)).isInstanceOf(ConfigException.class).hasMessageContaining("PONTE_CORS_ORIGINS");
        assertThat(ConfigLoader.load(Map.of("PONTE_RATE_LIMIT_HOOKS", "off"), null).hooksRate().permits()).isZero();
    }

    @Test
    void guessing_tokens_from_one_address_turns_401_into_429() {
        try (TestHub hub = TestHub.builder().start()) {
            java.util.concurrent.atomic.AtomicInteger i = new java.util.concurrent.atomic.AtomicInteger();
            TestHub.Response last = FailedAuth.untilSlowed(() -> hub.send(HttpRequest.newBuilder(
                    hub.uri("/api/v1/connections")).header("Authorization", "Bearer guess-" + i.getAndIncrement())));
            assertThat(last.header("Retry-After")).isNotNull();
            assertThat(hub.get("/api/v1/connections").status()).as("a valid token still works").isEqualTo(200);
        }
    }
}
