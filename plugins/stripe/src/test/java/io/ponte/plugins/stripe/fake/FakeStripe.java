package io.ponte.plugins.stripe.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local fake of the Stripe API, speaking its wire format: form-encoded {@code POST}s with bracket notation, JSON
 * answers, {@code {"error":{"type","code","message","param"}}} errors. It serves {@code POST /v1/checkout/sessions},
 * {@code POST /v1/refunds}, {@code GET /v1/payment_intents/{id}}, {@code GET /v1/charges/{id}} and
 * {@code GET /v1/balance}; anything else answers 404 {@code Unrecognized request URL}, as Stripe does.
 *
 * <p>Like Stripe: a request without {@code Authorization: Bearer <key>} of the fake's key gets 401 with Stripe's
 * {@code invalid_request_error} body; an {@code Idempotency-Key} seen before on the same path is answered with the
 * first answer (header {@code Idempotent-Replayed: true}) and creates nothing, and with other parameters gets
 * Stripe's 400 {@code idempotency_error}. Scripted answers ({@link #rateLimitNext}, {@link #serverErrorNext},
 * {@link #enqueue}) come before the idempotency layer, as Stripe's rate limiter and load balancers do, so they save
 * nothing. {@link #pay} completes a Checkout Session as a payer would (PaymentIntent and Charge, the intent's
 * metadata copied onto the charge); {@link StripeEvents} builds the signed events of what happened.
 *
 * <pre>{@code
 * try (FakeStripe stripe = new FakeStripe()) {
 *     // config: {"apiKey": stripe.apiKey(), "webhookSecret": FakeStripe.WEBHOOK_SECRET, "apiBaseUrl": stripe.baseUrl()}
 *     JsonNode session = stripe.pay(sessionId);
 *     StripeEvents.Signed event = stripe.events().checkoutSessionCompleted(session).signed(now);
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class FakeStripe extends FakeProvider {

    /** The key {@link #FakeStripe()} accepts. Made up; shaped like a test-mode secret key. */
    public static final String DEFAULT_API_KEY = "sk_test_51PonteFakeStripeKey0123456789";
    /** The webhook signing secret the tests' connections use. Made up. */
    public static final String WEBHOOK_SECRET = "whsec_ponteFakeStripeSigningSecret0123456789";

    static final ObjectMapper JSON = new ObjectMapper();

    private final String apiKey;
    private final StripeEvents events;
    private final AtomicLong ids = new AtomicLong(100_000);
    private final Map<String, ObjectNode> sessions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> intents = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> charges = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> refunds = new ConcurrentHashMap<>();
    private final Map<String, Saved> idempotent = new ConcurrentHashMap<>();
    private volatile Instant now = Instant.parse("2026-01-01T10:00:00Z");

    private record Saved(Map<String, String> params, Answer answer) {
    }

    /** A fake that accepts {@link #DEFAULT_API_KEY}, serving on a random loopback port. */
    public FakeStripe() {
        this(DEFAULT_API_KEY);
    }

    /** A fake that accepts this key. */
    public FakeStripe(String apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey);
        this.events = new StripeEvents(WEBHOOK_SECRET, ids);
    }

    /** The base URL to configure as {@code apiBaseUrl}. */
    public String baseUrl() {
        return root().toString();
    }

    /** The key this fake accepts. */
    public String apiKey() {
        return apiKey;
    }

    /** The builder of signed events, with {@link #WEBHOOK_SECRET}. */
    public StripeEvents events() {
        return events;
    }

    /** The time objects are created at ({@code created}, {@code expires_at}); default 2026-01-01T10:00:00Z. */
    public FakeStripe now(Instant value) {
        this.now = value;
        return this;
    }

    // ---- scripting -------------------------------------------------------------------------------------------

    /** The next {@code times} requests get Stripe's 429 {@code rate_limit} answer with {@code Retry-After}. */
    public void rateLimitNext(int times, int retryAfterSeconds) {
        enqueue(error(429, "invalid_request_error", "rate_limit",
                "Too many requests hit the API too quickly. We recommend an exponential backoff of your "
                        + "requests.", null).withHeader("Retry-After", Integer.toString(retryAfterSeconds)), times);
    }

    /** The next {@code times} requests get a 5xx {@code api_error} before reaching the API (nothing saved). */
    public void serverErrorNext(int times, int status) {
        enqueue(error(status, "api_error", null, "An unknown error occurred", null), times);
    }

    // ---- state -----------------------------------------------------------------------------------------------

    /** Every Checkout Session created, by id. */
    public Map<String, JsonNode> sessions() {
        return Map.copyOf(sessions);
    }

    /** Every refund created, in no particular order. */
    public List<JsonNode> refunds() {
        return List.copyOf(refunds.values());
    }

    /** A PaymentIntent by id, or null. */
    public JsonNode paymentIntent(String id) {
        return intents.get(id);
    }

    /** A Charge by id, or null. */
    public JsonNode charge(String id) {
        return charges.get(id);
    }

    /**
     * The payer pays a Checkout Session by card: a succeeded PaymentIntent (with the session's
     * {@code payment_intent_data[metadata]}) and its Charge (the intent's metadata copied, as Stripe does), and the
     * session {@code complete} and {@code paid}.
     *
     * @return the session as it now is
     */
    public synchronized JsonNode pay(String sessionId) {
        ObjectNode session = Objects.requireNonNull(sessions.get(sessionId), "no session " + sessionId);
        String pi = "pi_" + next();
        String ch = "ch_" + next();
        long amount = session.get("amount_total").longValue();
        String currency = session.get("currency").asText();
        JsonNode metadata = session.get("payment_intent_metadata");
        ObjectNode charge = JSON.createObjectNode().put("id", ch).put("object", "charge").put("amount", amount)
                .put("amount_captured", amount).put("amount_refunded", 0).put("currency", currency)
                .put("paid", true).put("refunded", false).put("status", "succeeded").put("payment_intent", pi)
                .put("created", now.getEpochSecond());
        charge.putObject("billing_details").put("email", "payer@example.com").put("name", "Jenny Rosen");
        charge.putObject("payment_method_details").put("type", "card");
        charge.set("metadata", metadata.deepCopy());
        ObjectNode intent = JSON.createObjectNode().put("id", pi).put("object", "payment_intent").put("amount", amount)
                .put("amount_received", amount).put("currency", currency).put("status", "succeeded")
                .put("latest_charge", ch).put("created", now.getEpochSecond());
        intent.set("metadata", metadata.deepCopy());
        intent.putArray("payment_method_types").add("card");
        charges.put(ch, charge);
        intents.put(pi, intent);
        session.put("payment_intent", pi).put("payment_status", "paid").put("status", "complete");
        session.putObject("customer_details").put("email", "payer@example.com").put("name", "Jenny Rosen");
        return session.deepCopy();
    }

    // ---- the API ---------------------------------------------------------------------------------------------

    @Override
    protected synchronized Answer answer(Recorded request) {
        String auth = request.header("authorization");
        if (auth == null) {
            return error(401, "invalid_request_error", null, "You did not provide an API key. You need to provide "
                    + "your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                    + "YOUR_SECRET_KEY').", null);
        }
        if (!auth.equals("Bearer " + apiKey)) {
            String given = auth.startsWith("Bearer ") ? auth.substring(7) : auth;
            return error(401, "invalid_request_error", null, "Invalid API Key provided: "
                    + given.substring(0, Math.min(8, given.length())) + "*********", null);
        }
        String key = request.header("idempotency-key");
        if (!request.method().equals("POST") || key == null) {
            return route(request);
        }
        Map<String, String> params = request.formParams();
        Saved saved = idempotent.get(request.path() + " " + key);
        if (saved != null) {
            if (!saved.params().equals(params)) {
                return error(400, "idempotency_error", null, "Keys for idempotent requests can "
                        + "only be used with the same parameters they were first used with. Try using a key other "
                        + "than '" + key + "' if you meant to execute a different request.", null);
            }
            return saved.answer().withHeader("Idempotent-Replayed", "true");
        }
        Answer answer = route(request);
        idempotent.put(request.path() + " " + key, new Saved(params, answer));
        return answer;
    }

    private Answer route(Recorded request) {
        String path = request.path();
        return switch (request.method() + " " + path.replaceAll("/(pi|ch)_[A-Za-z0-9]+$", "/{id}")) {
            case "POST /v1/checkout/sessions" -> createSession(request.formParams());
            case "POST /v1/refunds" -> createRefund(request.formParams());
            case "GET /v1/payment_intents/{id}" -> found("payment_intent", intents.get(last(path)), last(path));
            case "GET /v1/charges/{id}" -> found("charge", charges.get(last(path)), last(path));
            case "GET /v1/balance" -> Answer.json(200, "{\"object\":\"balance\",\"available\":[],\"pending\":[],"
                    + "\"livemode\":false}");
            default -> error(404, "invalid_request_error", null, "Unrecognized request URL (" + request.method()
                    + ": " + path + "). Please see https://stripe.com/docs or we can help at "
                    + "https://support.stripe.com/.", null);
        };
    }

    private Answer createSession(Map<String, String> form) {
        for (String required : List.of("mode", "line_items[0][price_data][currency]",
                "line_items[0][price_data][unit_amount]", "line_items[0][price_data][product_data][name]")) {
            if (!form.containsKey(required)) {
                return error(400, "invalid_request_error", "parameter_missing", "Missing required param: "
                        + required + ".", required);
            }
        }
        long unit;
        try {
            unit = Long.parseLong(form.get("line_items[0][price_data][unit_amount]"));
        } catch (NumberFormatException e) {
            return error(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: "
                    + form.get("line_items[0][price_data][unit_amount]"), "line_items[0][price_data][unit_amount]");
        }
        String id = "cs_test_" + next();
        long quantity = Long.parseLong(form.getOrDefault("line_items[0][quantity]", "1"));
        ObjectNode session = JSON.createObjectNode().put("id", id).put("object", "checkout.session")
                .put("mode", form.get("mode")).put("amount_subtotal", unit * quantity)
                .put("amount_total", unit * quantity).put("currency", form.get("line_items[0][price_data][currency]"))
                .put("status", "open").put("payment_status", "unpaid").putNull("payment_intent")
                .put("client_reference_id", form.get("client_reference_id"))
                .put("success_url", form.get("success_url")).put("cancel_url", form.get("cancel_url"))
                .put("created", now.getEpochSecond())
                .put("expires_at", now.plus(Duration.ofHours(24)).getEpochSecond())
                .put("url", "https://checkout.stripe.com/c/pay/" + id);
        session.putArray("payment_method_types").add("card");
        session.set("metadata", bracketed(form, "metadata"));
        sessions.put(id, session);
        ObjectNode answer = session.deepCopy();
        // kept apart from the session's JSON: Stripe keeps it for the PaymentIntent it creates on payment
        session.set("payment_intent_metadata", bracketed(form, "payment_intent_data[metadata]"));
        return Answer.json(200, answer);
    }

    private Answer createRefund(Map<String, String> form) {
        String pi = form.get("payment_intent");
        String ch = form.get("charge");
        ObjectNode charge;
        if (pi != null) {
            ObjectNode intent = intents.get(pi);
            if (intent == null) {
                return error(404, "invalid_request_error", "resource_missing", "No such payment_intent: '" + pi + "'",
                        "payment_intent");
            }
            charge = charges.get(intent.get("latest_charge").asText());
        } else if (ch != null) {
            charge = charges.get(ch);
            if (charge == null) {
                return error(404, "invalid_request_error", "resource_missing", "No such charge: '" + ch + "'",
                        "charge");
            }
        } else {
            return error(400, "invalid_request_error", "parameter_missing", "One of the following params should be "
                    + "provided for this request: payment_intent or charge.", null);
        }
        long left = charge.get("amount").longValue() - charge.get("amount_refunded").longValue();
        long amount = form.containsKey("amount") ? Long.parseLong(form.get("amount")) : left;
        if (left == 0) {
            return error(400, "invalid_request_error", "charge_already_refunded", "Charge " + charge.get("id").asText()
                    + " has already been refunded.", null);
        }
        if (amount > left) {
            return error(400, "invalid_request_error", "amount_too_large", "Refund amount (" + amount + ") is "
                    + "greater than unrefunded amount on charge (" + left + ")", "amount");
        }
        charge.put("amount_refunded", charge.get("amount_refunded").longValue() + amount)
                .put("refunded", amount == left);
        String id = "re_" + next();
        ObjectNode refund = JSON.createObjectNode().put("id", id).put("object", "refund").put("amount", amount)
                .put("charge", charge.get("id").asText()).put("created", now.getEpochSecond())
                .put("currency", charge.get("currency").asText()).put("payment_intent",
                        charge.path("payment_intent").asText(null))
                .put("reason", form.get("reason")).put("status", "succeeded");
        refund.putObject("metadata");
        refunds.put(id, refund);
        return Answer.json(200, refund);
    }

    private Answer found(String type, JsonNode object, String id) {
        return object != null ? Answer.json(200, object) : error(404, "invalid_request_error", "resource_missing",
                "No such " + type + ": '" + id + "'", "id");
    }

    /** Stripe's error answer. */
    static Answer error(int status, String type, String code, String message, String param) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode body = error.putObject("error").put("type", type).put("message", message);
        if (code != null) {
            body.put("code", code).put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        if (param != null) {
            body.put("param", param);
        }
        body.put("request_log_url", "https://dashboard.stripe.com/test/logs/req_fake?t=0");
        return Answer.json(status, error).withHeader("Request-Id", "req_fake");
    }

    private static ObjectNode bracketed(Map<String, String> form, String prefix) {
        ObjectNode values = JSON.createObjectNode();
        form.forEach((k, v) -> {
            if (k.startsWith(prefix + "[") && k.endsWith("]") && k.indexOf('[', prefix.length() + 1) < 0) {
                values.put(k.substring(prefix.length() + 1, k.length() - 1), v);
            }
        });
        return values;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private String next() {
        return "Fake" + ids.incrementAndGet();
    }
}
