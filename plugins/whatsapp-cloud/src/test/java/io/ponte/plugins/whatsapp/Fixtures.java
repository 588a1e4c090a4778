package io.ponte.plugins.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.meta.MetaWebhooks;
import io.ponte.testkit.TestConnectorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fixtures under {@code src/test/resources/whatsapp-cloud/} (see the README there) and test connections. */
final class Fixtures {

    static final String PHONE_NUMBER_ID = "110000000000077";
    static final String ACCESS_TOKEN = "EAAPonteTestToken0123456789abcdef";
    static final String APP_SECRET = "c0ffee5ecret0f7he9onteTestApp001";
    static final String VERIFY_TOKEN = "ponte-verify-7f3a";

    private Fixtures() {
    }

    /** A valid config whose Graph API is {@code apiBaseUrl}. */
    static String config(String apiBaseUrl, String extra) {
        return "{\"phoneNumberId\":\"" + PHONE_NUMBER_ID + "\",\"accessToken\":\"" + ACCESS_TOKEN + "\","
                + "\"appSecret\":\"" + APP_SECRET + "\",\"verifyToken\":\"" + VERIFY_TOKEN + "\","
                + "\"apiBaseUrl\":\"" + apiBaseUrl + "\"" + extra + "}";
    }

    /** A test context validated like the hub does. */
    static TestConnectorContext context(String apiBaseUrl) {
        return context(apiBaseUrl, "");
    }

    static TestConnectorContext context(String apiBaseUrl, String extra) {
        return TestConnectorContext.of(new WhatsAppConnectorFactory(), config(apiBaseUrl, extra));
    }

    /** The raw bytes of a fixture. */
    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/whatsapp-cloud/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture whatsapp-cloud/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return PluginJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An invocation of {@code action} with this input JSON and no cause. */
    static ActionRequest action(String action, String input) {
        return new ActionRequest(action, json(input), null, "dlv_TEST", 1);
    }

    /** A POST of these bytes with these headers (name, value, ...). */
    static WebhookRequest post(byte[] body, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new WebhookRequest("POST", map, Map.of(), body);
    }

    /** A POST of the bytes, signed with the test app secret as Meta signs. */
    static WebhookRequest signed(byte[] body) {
        return post(body, "Content-Type", "application/json",
                MetaWebhooks.SIGNATURE_HEADER, MetaWebhooks.signatureHeader(APP_SECRET, body));
    }

    /** A signed POST of a webhook fixture. */
    static WebhookRequest signedFixture(String path) {
        return signed(bytes(path));
    }

    /** A signed POST of a UTF-8 body. */
    static WebhookRequest signed(String body) {
        return signed(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The only envelope of a list. */
    static EnvelopeDraft only(List<EnvelopeDraft> drafts) {
        if (drafts.size() != 1) {
            throw new AssertionError("expected one envelope, got " + drafts);
        }
        return drafts.get(0);
    }
}
