package io.ponte.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.TestHub;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** {@code /console}: its files under a strict CSP with revalidation, nothing else; {@code GET /api/v1/whoami}. */
class ConsoleTest {

    @Test
    void serves_the_console_files_with_their_types_a_strict_csp_and_revalidation() {
        try (TestHub hub = TestHub.builder().start()) {
            TestHub.Response page = hub.send(HttpRequest.newBuilder(hub.uri("/console")));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("Content-Type")).isEqualToIgnoringWhitespace("text/html;charset=utf-8");
            assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\"></script>");
            String csp = page.header("Content-Security-Policy");
            assertThat(csp).contains("default-src 'self'", "script-src 'self';", "style-src 'self';",
                    "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(hub.send(HttpRequest.newBuilder(hub.uri("/console/"))).body()).isEqualTo(page.body());

            TestHub.Response script = hub.send(HttpRequest.newBuilder(hub.uri("/console/app.js")));
            assertThat(script.status()).isEqualTo(200);
            assertThat(script.header("Content-Type")).isEqualToIgnoringWhitespace("text/javascript;charset=utf-8");
            assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
            String etag = script.header("ETag");
            assertThat(etag).matches("\"[0-9a-f]{24}\"");
            TestHub.Response again = hub.send(HttpRequest.newBuilder(hub.uri("/console/app.js"))
                    .header("If-None-Match", etag));
            assertThat(again.status()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(hub.send(HttpRequest.newBuilder(hub.uri("/console/console.css"))).header("Content-Type"))
                    .isEqualToIgnoringWhitespace("text/css;charset=utf-8");
        }
    }

    @Test
    void a_path_outside_the_console_files_is_404() {
        try (TestHub hub = TestHub.builder().start()) {
            for (String path : new String[] {"/console/missing.js", "/console/..%2fopenapi.json",
                    "/console/%2e%2e%2fdb/migration/V1__init.sql", "/console/V1__init.sql", "/console/a/b.js", "/console/App.js",
                    "/console/app.js.map"}) {
                TestHub.Response r = hub.send(HttpRequest.newBuilder(hub.uri(path)));
                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(r.body()).as(path).doesNotContain("CREATE TABLE", "import {");
            }
        }
    }

    @Test
    void whoami_tells_the_key_its_scope_role_and_powers() {
        try (TestHub hub = TestHub.builder().start()) {
            JsonNode admin = hub.get("/api/v1/whoami").json();
            assertThat(admin.get("keyId").asText()).isEqualTo("bootstrap");
            assertThat(admin.get("scope").asText()).isEqualTo("admin");
            assertThat(admin.get("tenant").isNull()).isTrue();
            assertThat(admin.get("can").get("manageTenants").asBoolean()).isTrue();
            assertThat(admin.get("can").get("uploadPlugins").asBoolean()).isTrue();

            hub.post("/api/v1/tenants", "{\"name\":\"Acme\"}");
            String tenant = hub.get("/api/v1/tenants").json().get("items").findValuesAsText("id").stream()
                    .filter(id -> !id.equals("default")).findFirst().orElseThrow();
            String token = hub.post("/api/v1/api-keys", "{\"name\":\"acme viewer\",\"tenant\":\"" + tenant
                    + "\",\"role\":\"read\"}").json().get("token").asText();
            TestHub.Response r = hub.call(token, "GET", "/api/v1/whoami", null);
            assertThat(r.status()).isEqualTo(200);
            JsonNode me = r.json();
            assertThat(me.get("keyId").asText()).startsWith("key_");
            assertThat(me.get("name").asText()).isEqualTo("acme viewer");
            assertThat(me.get("role").asText()).isEqualTo("read");
            assertThat(me.get("scope").asText()).isEqualTo("tenant");
            assertThat(me.get("tenant").asText()).isEqualTo(tenant);
            assertThat(me.get("can").get("write").asBoolean()).isFalse();
            assertThat(me.get("can").get("viewTenants").asBoolean()).isFalse();
            assertThat(me.get("can").get("uploadPlugins").asBoolean()).isFalse();

            assertThat(hub.call("pk_unknown", "GET", "/api/v1/whoami", null).status()).isEqualTo(401);
        }
    }
}
