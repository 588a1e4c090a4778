package io.ponte.plugins.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.kit.PluginJson;
import io.ponte.testkit.TestConnectorContext;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The test kit's context for the http connector, at the time of the signature fixtures. */
final class TestContext {

    /** 2026-01-01T10:00:00Z, the time of the signature fixtures. */
    static final Instant FIXTURE_TIME = Instant.ofEpochSecond(1_767_261_600L);

    private TestContext() {
    }

    /** A context whose config is this JSON, validated and defaulted like the hub does. */
    static TestConnectorContext withConfig(String json) {
        return TestConnectorContext.of(new HttpConnectorFactory(), json, FIXTURE_TIME, null);
    }

    static JsonNode parse(String json) {
        try {
            return PluginJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
