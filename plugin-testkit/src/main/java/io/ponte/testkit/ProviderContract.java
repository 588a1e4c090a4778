package io.ponte.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.config.ConfigField;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.connector.Health;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every connector that calls a provider must honour, checked against the plugin's own fake of that provider
 * (a {@link FakeProvider}). Extend it once per connector type, next to its {@link ConnectorContract}:
 *
 * <pre>{@code
 * class MyProviderContractTest extends ProviderContract<FakeMyApi> {
 *     protected ConnectorFactory factory() { return new MyConnectorFactory(); }
 *     protected FakeMyApi startFake() { return new FakeMyApi(); }
 *     protected String config(FakeMyApi fake) {
 *         return "{\"baseUrl\":\"" + fake.root() + "\",\"apiKey\":\"sk-test-123456\"}";
 *     }
 *     protected ActionRequest sampleAction(String deliveryId, int attempt) {
 *         return new ActionRequest("message.send", json("{\"to\":\"42\",\"text\":\"hi\"}"), null, deliveryId, attempt);
 *     }
 *     protected Predicate<Recorded> isSampleCall() { return r -> r.path().equals("/v1/messages"); }
 * }
 * }</pre>
 *
 * <p>It checks that the sample action (one that makes one call to the provider) is delivered when the provider
 * accepts it; that an outage (the provider's {@link #outage()} answer), a call that does not answer within the
 * connection's timeout and a provider that cannot be reached are {@link ActionResult.Retry}, and a refusal
 * ({@link #refusal()}) is {@link ActionResult.Failed}; that a rate limit's {@code Retry-After} becomes the retry's
 * wait; that a retried delivery reaches the provider with the same idempotency key (or, for a provider without
 * idempotency keys, {@link #providerTakesIdempotencyKeys()} says so); that the health check is up while the provider
 * answers and never throws when it cannot be reached; and that no secret of the config reaches an outcome, a
 * health report, a metric or the log (with Logback as the test's binding, see {@link LogCapture}).
 *
 * <p>The timeout check sets the config's {@code timeoutSeconds} to its minimum ({@link #shortTimeoutConfig}) and
 * waits that long.
 *
 * @param <F> the fake of the provider
 * @since 2.1.0
 */
public abstract class ProviderContract<F extends FakeProvider> {

    /** The conventional name of a connector's provider-call timeout, in seconds. */
    protected static final String TIMEOUT_FIELD = "timeoutSeconds";

    /** How long the fake holds an answer the timeout check expects the connector to give up on. */
    private static final Duration TOO_LATE = Duration.ofSeconds(60);

    private F fake;
    private final List<Connector> opened = new ArrayList<>();

    /** The factory under test. */
    protected abstract ConnectorFactory factory();

    /** A new fake of the provider, serving (a test closes it). */
    protected abstract F startFake();

    /**
     * A complete, valid config that points the connection at {@code fake} (its {@link FakeProvider#root()}), with
     * a value for every secret field and the connector's usual timeout.
     */
    protected abstract String config(F fake);

    /**
     * The config of the timeout check: {@link #config} with the shortest timeout the connector allows, so the check
     * waits only that long. By default, {@link #config} with an integer field named {@value #TIMEOUT_FIELD} set to
     * its minimum (1 when it declares none); a connector whose timeout is named otherwise overrides this.
     */
    protected String shortTimeoutConfig(F fake) {
        com.fasterxml.jackson.databind.node.ObjectNode config =
                (com.fasterxml.jackson.databind.node.ObjectNode) TestConnectorContext.parse(config(fake));
        factory().descriptor().config().field(TIMEOUT_FIELD)
                .ifPresent(f -> config.put(TIMEOUT_FIELD, f.minimum() == null ? 1 : f.minimum()));
        return config.toString();
    }

    /**
     * An action that makes exactly one call to the provider, such as a {@code message.send} of a text.
     *
     * @param deliveryId the idempotency key (the hub's delivery id)
     * @param attempt    the attempt, from 1
     */
    protected abstract ActionRequest sampleAction(String deliveryId, int attempt);

    /** Which of the fake's recorded requests is the sample action's call. */
    protected abstract Predicate<Recorded> isSampleCall();

    /** The provider's answer when it is down for a while (default: 503 with a JSON body). */
    protected Answer outage() {
        return Answer.json(503, "{\"error\":\"service unavailable\"}");
    }

    /** The provider's answer to a request it will never accept (default: 400 with a JSON body). */
    protected Answer refusal() {
        return Answer.json(400, "{\"error\":\"bad request\"}");
    }

    /** The provider's answer when the caller must wait {@code seconds} (default: 429 with {@code Retry-After}). */
    protected Answer rateLimited(int seconds) {
        return Answer.json(429, "{\"error\":\"too many requests\"}")
                .withHeader("Retry-After", Integer.toString(seconds));
    }

    /**
     * Whether the provider accepts an idempotency key (a header or a field); when it has none, a retried delivery may
     * reach it twice and the hub's at-least-once delivery is all there is, which the idempotency check then reports
     * as skipped.
     */
    protected boolean providerTakesIdempotencyKeys() {
        return true;
    }

    /** The fake of the running test. */
    protected final F fake() {
        return fake;
    }

    @BeforeEach
    final void startTheFake() {
        fake = startFake();
    }

    @AfterEach
    final void stopTheFake() {
        opened.forEach(Connector::close);
        opened.clear();
        fake.close();
    }

    /** A test context for a connection to the running fake (validated as the hub would). */
    protected TestConnectorContext context() {
        return TestConnectorContext.of(factory(), config(fake));
    }

    private Connector open(TestConnectorContext context) {
        Connector connector = factory().open(context);
        opened.add(connector);
        return connector;
    }

    private ActionResult sample(Connector connector, String deliveryId, int attempt) {
        return assertDoesNotThrow(() -> connector.invoke(sampleAction(deliveryId, attempt)),
                "invoke() must return an outcome, never throw");
    }

    @Test
    void the_sample_action_is_delivered_with_one_call() {
        ActionResult result = sample(open(context()), "dlv_CONFORMANCE1", 1);
        assertInstanceOf(ActionResult.Delivered.class, result, "the fake accepted the call: " + result);
        assertEquals(1, fake.requests(isSampleCall()).size(), "one call to the provider; got "
                + fake.requests().stream().map(r -> r.method() + " " + r.path()).toList());
    }

    @Test
    void a_provider_outage_is_retried() {
        Connector connector = open(context());
        fake.enqueue(outage(), 3);
        assertInstanceOf(ActionResult.Retry.class, sample(connector, "dlv_CONFORMANCE2", 1),
                "an outage may pass: the dispatcher must try again");
    }

    @Test
    void a_refusal_fails_for_good() {
        Connector connector = open(context());
        fake.enqueue(refusal(), 3);
        assertInstanceOf(ActionResult.Failed.class, sample(connector, "dlv_CONFORMANCE3", 1),
                "a request the provider refuses will be refused again: no retry");
    }

    @Test
    void a_rate_limit_waits_as_long_as_the_provider_says() {
        Connector connector = open(context());
        fake.enqueue(rateLimited(7), 3);
        ActionResult result = sample(connector, "dlv_CONFORMANCE4", 1);
        ActionResult.Retry retry = assertInstanceOf(ActionResult.Retry.class, result);
        assertEquals(Duration.ofSeconds(7), retry.after(), "the provider's wait, so the dispatcher does not come back "
                + "sooner (and keep the connection throttled)");
    }

    @Test
    void a_call_that_is_not_answered_within_the_timeout_is_retried() {
        Connector connector = open(TestConnectorContext.of(factory(), shortTimeoutConfig(fake)));
        // Far later than any timeout a test config sets: a connector that waited would come back delivered.
        fake.enqueue(Answer.json(200, "{}").after(TOO_LATE), 3);
        assertInstanceOf(ActionResult.Retry.class, sample(connector, "dlv_CONFORMANCE5", 1),
                "the call must end at the connection's timeout, as a retry");
    }

    @Test
    void a_provider_that_cannot_be_reached_is_retried_and_the_health_check_does_not_throw() {
        Connector connector = open(context());
        fake.close();
        assertInstanceOf(ActionResult.Retry.class, sample(connector, "dlv_CONFORMANCE6", 1));
        Health health = assertDoesNotThrow(connector::health, "health() must report, never throw");
        assertTrue(health != null, "health() must not return null");
    }

    @Test
    void the_health_check_is_up_while_the_provider_answers() {
        Health health = assertDoesNotThrow(open(context())::health);
        assertEquals(Health.Status.UP, health.status(), "the fake answers as the provider does: " + health);
    }

    @Test
    void a_retried_delivery_reaches_the_provider_with_the_same_idempotency_key() {
        Assumptions.assumeTrue(providerTakesIdempotencyKeys(),
                "the provider takes no idempotency key: a retried delivery may reach it twice (at least once)");
        Connector connector = open(context());
        String key = "dlv_CONFORMANCE7";
        fake.enqueue(outage());
        assertInstanceOf(ActionResult.Retry.class, sample(connector, key, 1));
        assertInstanceOf(ActionResult.Delivered.class, sample(connector, key, 2));
        List<Recorded> calls = fake.requests(isSampleCall());
        assertEquals(2, calls.size(), "both attempts call the provider");
        for (Recorded call : calls) {
            assertTrue(carries(call, key), "every attempt must carry the delivery id " + key
                    + " as the provider's idempotency key (a header or a body field); got headers " + call.headers());
        }
    }

    @Test
    void secrets_never_reach_outcomes_health_metrics_or_logs() {
        List<String> secrets = secretValues();
        Assumptions.assumeFalse(secrets.isEmpty(), "the config has no secret values to look for");
        Optional<LogCapture> capture = LogCapture.start();
        List<String> seen = new ArrayList<>();
        try {
            TestConnectorContext context = context();
            Connector connector = open(context);
            seen.add(connector.toString());
            seen.add(describe(sample(connector, "dlv_CONFORMANCE8", 1)));
            fake.enqueue(outage());
            seen.add(describe(sample(connector, "dlv_CONFORMANCE9", 1)));
            fake.enqueue(refusal());
            seen.add(describe(sample(connector, "dlv_CONFORMANCE10", 1)));
            fake.enqueue(Answer.json(401, "{\"error\":\"unauthorized\"}"));
            seen.add(describe(sample(connector, "dlv_CONFORMANCE11", 1)));
            seen.add(String.valueOf(connector.health()));
            fake.close();
            seen.add(describe(sample(connector, "dlv_CONFORMANCE12", 1)));
            seen.add(String.valueOf(connector.health()));
            context.reportedHealth().forEach(h -> seen.add(String.valueOf(h)));
            seen.addAll(context.recordedMetrics());
            context.emitted().forEach(d -> seen.add(String.valueOf(d)));
            capture.ifPresent(logs -> seen.add(logs.text()));
        } finally {
            capture.ifPresent(LogCapture::close);
        }
        for (String secret : secrets) {
            for (String text : seen) {
                assertFalse(text != null && text.contains(secret), "a secret config value appears in: " + text);
            }
        }
        Assumptions.assumeTrue(capture.isPresent(), "outcomes, health and metrics checked; the log was not (bind "
                + "SLF4J to Logback in tests to check it too)");
    }

    private List<String> secretValues() {
        JsonNode config = TestConnectorContext.parse(config(fake));
        List<String> values = new ArrayList<>();
        for (ConfigField f : factory().descriptor().config().fields()) {
            JsonNode v = config.get(f.name());
            if (f.secret() && v != null && v.isTextual() && v.asText().length() >= 6) {
                values.add(v.asText());
            }
        }
        return values;
    }

    private static String describe(ActionResult result) {
        return switch (result) {
            case ActionResult.Delivered d -> "delivered " + d.externalRef() + " " + d.output();
            case ActionResult.Retry r -> "retry " + r.reason();
            case ActionResult.Failed f -> "failed " + f.reason();
        };
    }

    private static boolean carries(Recorded call, String key) {
        return call.headers().values().stream().flatMap(List::stream).anyMatch(v -> v.contains(key))
                || new String(call.body(), StandardCharsets.UTF_8).contains(key)
                || (call.query() != null && call.query().contains(key));
    }
}
