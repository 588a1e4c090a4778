package io.ponte.hub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.TestHub;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code GET /openapi.json} describes exactly the routes the server registers. */
class OpenApiTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void documents_every_registered_route_and_nothing_else() {
        try (TestHub hub = TestHub.builder().start()) {
            TestHub.Response r = hub.send(java.net.http.HttpRequest.newBuilder(hub.uri("/openapi.json")));
            assertThat(r.status()).isEqualTo(200);
            JsonNode doc = r.json();
            assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
            List<String> documented = new ArrayList<>();
            doc.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }));
            assertThat(documented).containsExactlyInAnyOrderElementsOf(hub.endpoints());
        }
    }
}
