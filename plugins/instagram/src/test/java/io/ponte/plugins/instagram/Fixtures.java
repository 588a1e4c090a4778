package io.ponte.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.Connector;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.meta.MetaWebhooks;
import io.ponte.testkit.TestConnectorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fixtures under {@code src/test/resources/instagram/} (see the README there), their ids and secrets. */
final class Fixtures {

    /** The Instagram professional account of every fixture. */
    static final String ACCOUNT = "17841400000000001";
    /** The contact (IGSID) of most fixtures. */
    static final String CONTACT = "7359216482013577";
    /** A second contact. */
    static final String OTHER_CONTACT = "8024417715306642";
    /** The app secret the {@code signed/} fixtures were signed with (see the README for the openssl command). */
    static final String APP_SECRET = "ponte-fixture-instagram-app-secret";
    /** The verify token of the test connections. */
    static final String VERIFY_TOKEN = "ponte-fixture-verify-token";
    /** The access token of the test connections (and of the fake's default). */
    static final String ACCESS_TOKEN = io.ponte.plugins.instagram.fake.FakeInstagramApi.DEFAULT_ACCESS_TOKEN;
    /** {@code entry[].time} of the single-entry fixtures, minus 900 ms: 2026-01-01T10:00:00Z. */
    static final long T0 = 1_767_261_600_000L;

    private Fixtures() {
    }

    /** The {@code mid} numbered {@code n} in the fixtures (the generator's scheme, see the README). */
    static String mid(int n) {
        String raw = "ig_item:1:IGMessageData:" + ACCOUNT + ":34028236684171030124427601772310"
                + String.format("%07d", n);
        return Base64.getEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8)) + "ZDZD";
    }

    /** The instant {@code T0 + millis}. */
    static Instant at(long millis) {
        return Instant.ofEpochMilli(T0 + millis);
    }

    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/instagram/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture instagram/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    static JsonNode json(String text) {
        try {
            return PluginJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection config; {@code apiBaseUrl} null leaves the default. */
    static String config(String apiBaseUrl) {
        return "{\"igUserId\":\"" + ACCOUNT + "\",\"accessToken\":\"" + ACCESS_TOKEN + "\",\"appSecret\":\""
                + APP_SECRET + "\",\"verifyToken\":\"" + VERIFY_TOKEN + "\""
                + (apiBaseUrl == null ? "" : ",\"apiBaseUrl\":\"" + apiBaseUrl + "\"") + "}";
    }

    static TestConnectorContext context(String apiBaseUrl) {
        return TestConnectorContext.of(new InstagramConnectorFactory(), config(apiBaseUrl));
    }

    /** A POST with these headers (name, value, ...) and body. */
    static WebhookRequest post(byte[] body, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new WebhookRequest("POST", map, Map.of(), body);
    }

    /** A POST of this body, signed with {@link #APP_SECRET}. */
    static WebhookRequest signed(byte[] body) {
        return post(body, MetaWebhooks.SIGNATURE_HEADER, MetaWebhooks.signatureHeader(APP_SECRET, body));
    }

    /** The envelopes the receiver makes of a fixture, signed correctly. */
    static List<EnvelopeDraft> receive(String fixture) {
        return receive(bytes(fixture));
    }

    static List<EnvelopeDraft> receive(byte[] body) {
        try (Connector connector = new InstagramConnectorFactory().open(context(null))) {
            WebhookReceiver receiver = connector.webhook().orElseThrow();
            return receiver.receive(signed(body)).envelopes();
        }
    }
}
