package io.ponte.plugins.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.plugins.salesforce.fake.FakeSalesforce;
import io.ponte.testkit.TestConnectorContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** A fake org and a connection to it, for the plugin's tests. */
final class Orgs {

    static final String CLIENT_ID = "3MVG9test.consumer.key";
    static final String CLIENT_SECRET = "test-consumer-secret-0123456789";
    static final String USERNAME = "integration@example.com";
    static final KeyPair KEYS = keys();
    private static final AtomicInteger DELIVERIES = new AtomicInteger();

    private Orgs() {
    }

    static FakeSalesforce org() {
        return new FakeSalesforce(CLIENT_ID, CLIENT_SECRET, USERNAME).trustingJwtKey(KEYS.getPublic());
    }

    /** A client-credentials connection; the test clock set to now (the fake stamps records with real time). */
    static TestConnectorContext context(FakeSalesforce org) {
        return context("""
                {"loginUrl":"%s","clientId":"%s","clientSecret":"%s","pollIntervalSeconds":1}"""
                .formatted(org.url(), CLIENT_ID, CLIENT_SECRET));
    }

    static TestConnectorContext context(String config) {
        TestConnectorContext context = TestConnectorContext.of(new SalesforceConnectorFactory(), config);
        context.setNow(Instant.now());
        return context;
    }

    /**
     * The test key as one-line PEM with its newlines written as backslash-n (as an admin pastes it into a
     * single-line field), escaped for a JSON string.
     */
    static String pemInJson() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPrivate().getEncoded());
        return ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n").replace("\n", "\\\\n");
    }

    static Connector open(TestConnectorContext context) {
        return new SalesforceConnectorFactory().open(context);
    }

    static ActionResult invoke(Connector connector, String action, JsonNode input, String key) {
        return connector.invoke(new ActionRequest(action, input, null, key, 1));
    }

    static ActionResult invoke(Connector connector, String action, String input) {
        return invoke(connector, action, io.ponte.kit.PluginJson.schema(input), "dlv_" + DELIVERIES.incrementAndGet());
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
