package io.ponte.plugins.stripe.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds Stripe v1 events from the fixtures under {@code src/test/resources/stripe/events/} (real events, see the
 * README there), with {@code data.object} overlaid by what a test or {@link FakeStripe} knows, and signs them as
 * Stripe does ({@code Stripe-Signature: t=…,v1=<HMAC-SHA256 of "t.body" with the whsec_ secret's bytes>}).
 * Thread-safe.
 */
public final class StripeEvents {

    /** The header Stripe signs events in. */
    public static final String SIGNATURE_HEADER = "Stripe-Signature";

    private final String secret;
    private final AtomicLong ids;

    StripeEvents(String secret, AtomicLong ids) {
        this.secret = secret;
        this.ids = ids;
    }

    /** Events signed with another secret (a stranger's, or the old one while rolling). */
    public static StripeEvents signedWith(String secret) {
        return new StripeEvents(secret, new AtomicLong(500_000));
    }

    /**
     * One event, ready to POST.
     *
     * @param id   the event id
     * @param body the exact body
     */
    public record Event(String id, String body) {
        /** The body's JSON. */
        public JsonNode json() {
            try {
                return FakeStripe.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * An event and its signature.
     *
     * @param id        the event id
     * @param body      the exact body
     * @param signature the {@code Stripe-Signature} value
     */
    public record Signed(String id, String body, String signature) {
    }

    /** {@code checkout.session.completed} of a session (as {@link FakeStripe#pay} returns it). */
    public Event checkoutSessionCompleted(JsonNode session) {
        return event("checkout.session.completed.json", "checkout.session.completed", session);
    }

    /** {@code checkout.session.async_payment_succeeded} of a session. */
    public Event checkoutSessionAsyncSucceeded(JsonNode session) {
        return event("checkout.session.completed.json", "checkout.session.async_payment_succeeded",
                session);
    }

    /** {@code payment_intent.succeeded} of a PaymentIntent. */
    public Event paymentIntentSucceeded(JsonNode intent) {
        return event("payment_intent.succeeded.json", "payment_intent.succeeded", intent);
    }

    /** {@code charge.refunded} of a Charge (as {@link FakeStripe#charge} returns it after a refund). */
    public Event chargeRefunded(JsonNode charge) {
        return event("charge.refunded.legacy-shape.json", "charge.refunded", charge);
    }

    /** An event of the fixture {@code events/<fixture>} with a fresh id and {@code data.object} overlaid. */
    public Event event(String fixture, String type, JsonNode overlay) {
        ObjectNode event = (ObjectNode) read(fixture);
        String id = "evt_Fake" + ids.incrementAndGet();
        event.put("id", id).put("type", type);
        ObjectNode object = (ObjectNode) event.get("data").get("object");
        overlay.properties().forEach(e -> object.set(e.getKey(), e.getValue().deepCopy()));
        object.remove("payment_intent_metadata");
        return new Event(id, event.toPrettyString());
    }

    /** A fixture's bytes as text, exactly as stored. */
    public static String fixture(String name) {
        try (InputStream in = StripeEvents.class.getResourceAsStream("/stripe/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs an event at {@code at}. */
    public Signed sign(Event event, Instant at) {
        return new Signed(event.id(), event.body(), header(at.getEpochSecond(), event.body()));
    }

    /** Signs a body at {@code at}. */
    public Signed sign(String body, Instant at) {
        return new Signed(null, body, header(at.getEpochSecond(), body));
    }

    /** The {@code Stripe-Signature} value for a body at unix time {@code t}. */
    public String header(long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String fixture) {
        try {
            return FakeStripe.JSON.readTree(fixture(fixture));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
