package io.ponte.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigField;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.connector.Health;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract every connector must pass. Extend it once per connector type and supply the factory and a valid
 * config (with a value for every secret field, so leaks can be detected):
 *
 * <pre>{@code
 * class MyConnectorContractTest extends ConnectorContract {
 *     protected ConnectorFactory factory() { return new MyConnectorFactory(); }
 *     protected String validConfig() { return "{\"apiKey\":\"sk-test-123456\"}"; }
 * }
 * }</pre>
 *
 * <p>A valid config that names other connections (an agent's specialists or tools) also overrides
 * {@link #otherConnections(TestActions)} to offer them.
 *
 * <p>It checks what the hub relies on: a stable, well-formed descriptor that reads back from its JSON; a valid
 * config that still validates once stored with its defaults; config validation that names required and
 * unknown fields; the connector's own checks on save ({@link ConnectorFactory#validate}) passing the valid config;
 * opening and closing (twice) without errors; secrets absent from {@code toString()}; unknown actions answered with
 * {@link ActionResult.Failed} rather than an exception; webhook receivers that answer garbage with a 4xx
 * {@link WebhookRejectedException} (or accept it), never with another exception; a health check that does not
 * throw. {@link ProviderContract} adds what a connector that calls a provider must honour, against a fake of it.
 */
public abstract class ConnectorContract {

    /** The factory under test. */
    protected abstract ConnectorFactory factory();

    /** A complete, valid config JSON, secret fields included. */
    protected abstract String validConfig();

    /** Headers a well-formed request needs to get past authentication, if the receiver can be tested that way. */
    protected Map<String, List<String>> webhookHeaders(byte[] body) {
        return Map.of();
    }

    /**
     * Offers the other connections of the tenant that the valid config names, as the hub would describe them
     * (e.g. {@code actions.offer("con_SALES", "agent.reply")}), so {@link ConnectorFactory#validate} finds them.
     * None by default.
     *
     * @param actions the test context's actions
     * @since 1.2.0
     */
    protected void otherConnections(TestActions actions) {
    }

    private TestConnectorContext context() {
        TestConnectorContext context = TestConnectorContext.of(factory(), validConfig());
        otherConnections(context.actions());
        return context;
    }

    @Test
    void the_descriptor_is_well_formed_and_stable() {
        ConnectorDescriptor d = factory().descriptor();
        assertNotNull(d);
        assertEquals(d, factory().descriptor(), "descriptor() must return the same value on every call");
        assertTrue(d.type().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*"), "type ids are kebab-case");
        assertNotNull(d.displayName(), "a display name for admins");
        assertFalse(d.emits().isEmpty() && d.actions().isEmpty(), "a connector emits envelopes or offers actions");
        for (ConfigField f : d.config().fields()) {
            assertNotNull(f.doc(), "config field " + f.name() + " needs a doc sentence");
        }
    }

    /**
     * The admin API shows the descriptor as JSON (config schema, actions and their input schemas) and the console
     * builds its forms from it: it must say everything the descriptor says.
     */
    @Test
    void the_descriptor_survives_the_json_round_trip_of_the_admin_api() throws Exception {
        ConnectorDescriptor d = factory().descriptor();
        JsonNode json = TestJson.MAPPER.valueToTree(d);
        ConnectorDescriptor back = TestJson.MAPPER.treeToValue(json, ConnectorDescriptor.class);
        // compared as JSON: a default of 10 may come back as an int where the field held a long
        assertEquals(json, TestJson.MAPPER.valueToTree(back), "the descriptor read back from its JSON says less");
        assertEquals(d.config().fields().size(), back.config().fields().size());
    }

    /** The hub stores the config with defaults filled in and validates it again on every update. */
    @Test
    void the_valid_config_with_defaults_filled_in_validates_again_unchanged() {
        var spec = factory().descriptor().config();
        JsonNode filled = spec.withDefaults(TestConnectorContext.parse(validConfig()));
        assertEquals(List.of(), spec.validate(filled), "the config as stored (defaults filled in) must validate");
        assertEquals(filled, spec.withDefaults(filled), "filling in defaults twice must change nothing");
        JsonNode given = TestConnectorContext.parse(validConfig());
        for (ConfigField f : spec.fields()) {
            if (f.defaultValue() != null && !given.hasNonNull(f.name())) {
                assertEquals(f.defaultValue(), filled.get(f.name()), "the default of " + f.name() + " is stored");
            }
        }
    }

    @Test
    void the_valid_config_validates() {
        assertEquals(List.of(), factory().descriptor().config().validate(TestConnectorContext.parse(validConfig())));
    }

    @Test
    void the_valid_config_passes_the_connectors_own_checks_on_save() {
        List<ConfigError> errors = factory().validate(context());
        assertNotNull(errors, "validate() must return an empty list, never null");
        assertEquals(List.of(), errors, "validate() refuses the valid config");
    }

    @Test
    void validation_names_every_missing_required_field_and_unknown_fields() {
        ObjectNode config = (ObjectNode) TestConnectorContext.parse(validConfig());
        List<String> required = factory().descriptor().config().fields().stream()
                .filter(f -> f.required() && f.defaultValue() == null).map(ConfigField::name).toList();
        required.forEach(config::remove);
        config.put("noSuchFieldForSure", "x");
        List<String> named = factory().descriptor().config().validate(config).stream().map(ConfigError::field).toList();
        for (String r : required) {
            assertTrue(named.contains(r), "missing required field " + r + " must be reported; got " + named);
        }
        assertTrue(named.contains("noSuchFieldForSure"), "unknown fields must be reported; got " + named);
    }

    @Test
    void opens_and_closes_twice_without_errors() {
        Connector c = factory().open(context());
        assertNotNull(c);
        assertDoesNotThrow(c::close);
        assertDoesNotThrow(c::close, "close() must be idempotent");
    }

    @Test
    void keeps_secrets_out_of_to_string() {
        TestConnectorContext ctx = context();
        Connector c = factory().open(ctx);
        JsonNode config = TestConnectorContext.parse(validConfig());
        for (ConfigField f : factory().descriptor().config().fields()) {
            JsonNode v = config.get(f.name());
            if (f.secret() && v != null && v.isTextual() && v.asText().length() >= 4) {
                assertFalse(c.toString().contains(v.asText()), "connector.toString() leaks secret " + f.name());
                assertFalse(ctx.config().toString().contains(v.asText()), "config toString leaks " + f.name());
            }
        }
        c.close();
    }

    @Test
    void answers_an_unknown_action_with_failed() {
        Connector c = factory().open(context());
        ActionResult r = c.invoke(new ActionRequest("no.such.action", TestJson.MAPPER.createObjectNode(), null,
                "dlv_TEST", 1));
        assertInstanceOf(ActionResult.Failed.class, r);
        c.close();
    }

    @Test
    void answers_garbage_webhooks_with_a_4xx_rejection_never_another_exception() {
        Connector c = factory().open(context());
        Optional<WebhookReceiver> receiver = c.webhook();
        if (receiver.isPresent()) {
            for (String body : List.of("", "not json", "{}", "[]", "{\"a\":", "null", "[1,2,3]", "{\"entry\":7}")) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                WebhookRequest req = new WebhookRequest("POST", webhookHeaders(bytes), Map.of(), bytes);
                try {
                    WebhookResult result = receiver.get().receive(req);
                    assertNotNull(result, "receive() returned null for body '" + body + "'");
                } catch (WebhookRejectedException e) {
                    assertTrue(e.status() >= 400 && e.status() < 500);
                } catch (RuntimeException e) {
                    fail("receive() threw " + e + " for body '" + body + "'; throw WebhookRejectedException");
                }
            }
        }
        c.close();
    }

    @Test
    void the_health_check_does_not_throw() {
        Connector c = factory().open(context());
        Health h = assertDoesNotThrow(c::health);
        assertNotNull(h);
        c.close();
    }
}
