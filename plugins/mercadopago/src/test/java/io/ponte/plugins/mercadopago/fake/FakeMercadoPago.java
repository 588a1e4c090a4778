package io.ponte.plugins.mercadopago.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.message.MessageJson;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Mercado Pago API, as its docs and the official SDK's fixtures describe it: {@code Authorization: Bearer}
 * checked on every call (401 with MP's error body otherwise); {@code POST /v1/payments} creating PIX payments in the
 * shape of {@code api/payment-pix-pending.json} (with {@code point_of_interaction.transaction_data}), requiring
 * {@code X-Idempotency-Key} and answering a repeated key with the first answer; {@code GET /v1/payments/{id}} (404
 * with MP's error body for an unknown id) whose status a test moves ({@link #setStatus}: pending → approved);
 * refunds; Checkout Pro preferences; {@code GET /users/me}. Scripted 429/5xx come from {@link #enqueue}; signed
 * notices from {@link Notices}. Thread-safe.
 */
public final class FakeMercadoPago extends FakeProvider {

    static final JsonMapper JSON = MessageJson.newMapper();
    private static final Pattern PAYMENT = Pattern.compile("/v1/payments/([^/]+)");
    private static final Pattern REFUNDS = Pattern.compile("/v1/payments/([^/]+)/refunds");

    private final String accessToken;
    private final AtomicLong ids = new AtomicLong(1_325_000_000L);
    private final Map<String, ObjectNode> payments = new ConcurrentHashMap<>();
    private final Map<String, Answer> byIdempotencyKey = new ConcurrentHashMap<>();

    /** A fake that accepts {@code accessToken}. */
    public FakeMercadoPago(String accessToken) {
        this.accessToken = accessToken;
    }

    /** The API root to configure as {@code apiBaseUrl}. */
    public String baseUrl() {
        return root().toString();
    }

    /** A copy of a payment as {@code GET /v1/payments/{id}} answers it, or null. */
    public ObjectNode payment(String id) {
        ObjectNode p = payments.get(id);
        return p == null ? null : p.deepCopy();
    }

    /** Adds a payment in the shape of a fixture ({@code api/payment-card-approved.json}), under its own id. */
    public void put(ObjectNode payment) {
        payments.put(payment.get("id").asText(), payment.deepCopy());
    }

    /** Moves a payment to another status, as Mercado Pago does when the payer pays (pending → approved). */
    public void setStatus(String id, String status, String detail) {
        ObjectNode p = payments.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no payment " + id);
        }
        synchronized (p) {
            p.put("status", status).put("status_detail", detail);
            if (status.equals("approved")) {
                p.put("date_approved", "2026-01-01T07:05:00.000-03:00");
            }
        }
    }

    /** The requests that created payments. */
    public List<Recorded> paymentCreations() {
        return requests(r -> r.method().equals("POST") && r.path().equals("/v1/payments"));
    }

    /** The requests that read a payment. */
    public List<Recorded> paymentReads(String id) {
        return requests(r -> r.method().equals("GET") && r.path().equals("/v1/payments/" + id));
    }

    @Override
    protected Answer answer(Recorded r) {
        if (!("Bearer " + accessToken).equals(r.header("authorization"))) {
            return Answer.json(401, fixture("api/error-401.json"));
        }
        String path = r.path();
        if (r.method().equals("GET") && path.equals("/users/me")) {
            return Answer.json(200, "{\"id\":471763966,\"nickname\":\"LOJAAZUL\",\"site_id\":\"MLB\"}");
        }
        if (r.method().equals("POST") && (path.equals("/v1/payments") || path.equals("/checkout/preferences")
                || REFUNDS.matcher(path).matches())) {
            String key = r.header("x-idempotency-key");
            if (key == null || key.isBlank()) {
                return error(400, "bad_request", "Header X-Idempotency-Key can't be null", 0);
            }
            return byIdempotencyKey.computeIfAbsent(path + " " + key, k -> create(r));
        }
        Matcher payment = PAYMENT.matcher(path);
        if (r.method().equals("GET") && payment.matches()) {
            ObjectNode p = payments.get(payment.group(1));
            if (p == null) {
                return Answer.json(404, fixture("api/error-404.json"));
            }
            synchronized (p) {
                return Answer.json(200, p.deepCopy());
            }
        }
        return error(404, "not_found", "resource not found", 0);
    }

    private Answer create(Recorded r) {
        JsonNode body = r.bodyJson();
        if (r.path().equals("/checkout/preferences")) {
            return preference(body);
        }
        Matcher refund = REFUNDS.matcher(r.path());
        if (refund.matches()) {
            return refund(refund.group(1), body);
        }
        if (!body.path("payment_method_id").asText().equals("pix")) {
            return Answer.json(400, fixture("api/error-400.json"));
        }
        if (!body.path("transaction_amount").isNumber() || !body.path("payer").path("email").isTextual()) {
            return error(400, "bad_request", "transaction_amount and payer.email are required", 4020);
        }
        String id = Long.toString(ids.incrementAndGet());
        ObjectNode p = fixture("api/payment-pix-pending.json");
        p.put("id", Long.parseLong(id)).put("description", body.path("description").asText())
                .set("transaction_amount", body.get("transaction_amount"));
        p.put("date_of_expiration", body.path("date_of_expiration").asText(null));
        p.set("external_reference", body.get("external_reference"));
        ((ObjectNode) p.get("payer")).put("email", body.at("/payer/email").asText());
        p.set("metadata", body.has("metadata") ? body.get("metadata") : JSON.createObjectNode());
        ObjectNode data = (ObjectNode) p.at("/point_of_interaction/transaction_data");
        data.put("qr_code", data.get("qr_code").asText().replace("1325000001", id));
        data.put("ticket_url", data.get("ticket_url").asText().replace("1325000001", id));
        payments.put(id, p);
        return Answer.json(201, p.deepCopy());
    }

    private Answer refund(String paymentId, JsonNode body) {
        ObjectNode p = payments.get(paymentId);
        if (p == null) {
            return Answer.json(404, fixture("api/error-404.json"));
        }
        synchronized (p) {
            BigDecimal total = p.get("transaction_amount").decimalValue();
            BigDecimal before = p.path("transaction_amount_refunded").decimalValue();
            BigDecimal amount = body.has("amount") ? body.get("amount").decimalValue() : total.subtract(before);
            BigDecimal refunded = before.add(amount);
            p.put("transaction_amount_refunded", refunded);
            if (refunded.compareTo(total) >= 0) {
                p.put("status", "refunded").put("status_detail", "refunded");
            }
            ObjectNode r = fixture("api/refund.json");
            r.put("id", ids.incrementAndGet()).put("payment_id", Long.parseLong(paymentId)).put("amount", amount);
            return Answer.json(201, r);
        }
    }

    private Answer preference(JsonNode body) {
        ObjectNode pref = fixture("api/preference.json");
        String id = "823549964-" + ids.incrementAndGet();
        pref.put("id", id).put("init_point", "https://www.mercadopago.com.br/checkout/v1/redirect?pref_id=" + id)
                .put("sandbox_init_point", "https://sandbox.mercadopago.com.br/checkout/v1/redirect?pref_id=" + id);
        pref.set("items", body.get("items"));
        pref.set("external_reference", body.get("external_reference"));
        pref.set("metadata", body.has("metadata") ? body.get("metadata") : JSON.createObjectNode());
        return Answer.json(201, pref);
    }

    /** Mercado Pago's error body. */
    public static Answer error(int status, String error, String message, int causeCode) {
        ObjectNode body = JSON.createObjectNode().put("message", message).put("error", error).put("status", status);
        if (causeCode > 0) {
            body.putArray("cause").addObject().put("code", causeCode).put("description", message);
        } else {
            body.putArray("cause");
        }
        return Answer.json(status, body);
    }

    /** A fixture of {@code src/test/resources/mercadopago/}, parsed. */
    public static ObjectNode fixture(String name) {
        try (InputStream in = FakeMercadoPago.class.getResourceAsStream("/mercadopago/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
