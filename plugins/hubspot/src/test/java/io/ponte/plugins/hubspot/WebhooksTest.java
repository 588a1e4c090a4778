package io.ponte.plugins.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.Contact;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.plugins.hubspot.fake.FakeHubSpot;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.TestFollowUps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhooks: v3 signatures (the SDKs' vectors), then the follow-up that fetches the object. */
class WebhooksTest {

    private final FakeHubSpot hubspot = new FakeHubSpot();
    private final TestConnectorContext context = Accounts.context(hubspot);
    private final Connector connector = Accounts.open(context);

    @AfterEach
    void stop() {
        hubspot.close();
    }

    private static JsonNode vectors() {
        return Accounts.json(resource("signature-vectors.json"));
    }

    private static String resource(String name) {
        try (var in = WebhooksTest.class.getResourceAsStream("/hubspot/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<EnvelopeDraft> receive(String body, String... headers) {
        Map<String, List<String>> h = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], List.of(headers[i + 1]));
        }
        return connector.webhook().orElseThrow().receive(new WebhookRequest("POST", h, Map.of(),
                body.getBytes(StandardCharsets.UTF_8))).envelopes();
    }

    private List<EnvelopeDraft> receiveSigned(String body) {
        return receive(body, FakeHubSpot.signed(Accounts.WEBHOOK_URL, body, context.clock().instant()).headers());
    }

    @Test
    void signs_the_official_sdk_vectors() {
        JsonNode v = vectors();
        WebhookSignature signature = new WebhookSignature(v.get("client_secret").asText());
        for (JsonNode vector : v.get("v3")) {
            assertThat(signature.sign(vector.get("method").asText(), vector.get("uri").asText(),
                    vector.get("body").asText().getBytes(StandardCharsets.UTF_8), vector.get("timestamp").asText()))
                    .as(vector.get("source").asText()).isEqualTo(vector.get("header_X-HubSpot-Signature-v3").asText());
        }
        assertThat(v.at("/v3/1/body").asText()).isEqualTo(resource("webhook-contact-creation.sdk-fixture.json"));
        assertThat(signature.sign("POST", "https%3A%2F%2Fwww.example.com%2Fwebhook_uri",
                "{'example_field':'example_value'}".getBytes(StandardCharsets.UTF_8), "15000000"))
                .as("escapes decoded before hashing").isEqualTo(v.at("/v3/0/header_X-HubSpot-Signature-v3").asText());
    }

    @Test
    void the_sdk_vector_is_refused_as_stale_and_a_current_one_accepted() {
        JsonNode vector = vectors().at("/v3/1");
        context.setNow(Instant.ofEpochMilli(vector.get("timestamp").asLong()).plus(Duration.ofMinutes(4)));
        WebhookSignature signature = new WebhookSignature(FakeHubSpot.CLIENT_SECRET);
        byte[] body = vector.get("body").asText().getBytes(StandardCharsets.UTF_8);
        String header = vector.get("header_X-HubSpot-Signature-v3").asText();
        assertThat(signature.refusal("POST", vector.get("uri").asText(), body, header,
                vector.get("timestamp").asText(), context.clock().instant())).isNull();
        assertThat(signature.refusal("POST", vector.get("uri").asText(), body, header,
                vector.get("timestamp").asText(), context.clock().instant().plus(Duration.ofMinutes(2))))
                .contains("5 minutes");
    }

    @Test
    void rejects_a_webhook_with_a_bad_missing_or_stale_signature_and_stores_nothing() {
        String body = resource("webhook-batch.docs-shape.RECONSTRUCTED.json");
        Instant now = context.clock().instant();
        FakeHubSpot.Signed forged = FakeHubSpot.signed("not-the-client-secret", Accounts.WEBHOOK_URL, body, now);
        FakeHubSpot.Signed stale = FakeHubSpot.signed(Accounts.WEBHOOK_URL, body, now.minus(Duration.ofMinutes(6)));
        FakeHubSpot.Signed otherUrl = FakeHubSpot.signed("https://hub.example.com/hooks/con_OTHER", body, now);

        for (String[] headers : List.of(forged.headers(), stale.headers(), otherUrl.headers(), new String[0])) {
            assertThatThrownBy(() -> receive(body, headers)).isInstanceOfSatisfying(WebhookRejectedException.class,
                    e -> assertThat(e.status()).isEqualTo(401));
        }
        assertThatThrownBy(() -> receive(body.replace("Jane", "Joan"), FakeHubSpot.signed(Accounts.WEBHOOK_URL,
                body, now).headers())).isInstanceOf(WebhookRejectedException.class);
        assertThat(hubspot.requests()).isEmpty();
    }

    @Test
    void stores_each_event_once_and_fetches_the_contact_into_contact_upserted() {
        String id = hubspot.putContact(Map.of("email", "jane@example.com", "firstname", "Jane", "lastname", "Doe",
                "mobilephone", "+5511987650001"));
        String body = resource("webhook-batch.docs-shape.RECONSTRUCTED.json").replace("123", id);

        List<EnvelopeDraft> drafts = receiveSigned(body);

        assertThat(drafts).extracting(EnvelopeDraft::externalId).containsExactly("1", "2");
        assertThat(drafts).allSatisfy(d -> {
            assertThat(d.type()).isEqualTo("hubspot.event");
            assertThat(d.followUp().resource()).isEqualTo("/contacts/" + id);
        });
        List<TestFollowUps.Run> runs = TestFollowUps.run(connector, context, drafts);
        assertThat(runs).allSatisfy(r -> assertThat(r.result()).isInstanceOf(ActionResult.Delivered.class));
        assertThat(context.emitted()).as("one state of the contact, stored once").singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo("contact.upserted");
            assertThat(d.payload()).isEqualTo(new Contact(id, "Jane Doe", "jane@example.com", "+5511987650001",
                    ((Contact) d.payload()).properties()));
            assertThat(((Contact) d.payload()).properties()).containsEntry("email", "jane@example.com");
        });
        assertThat(hubspot.requests()).allSatisfy(r -> assertThat(r.query()).contains("properties="));
    }

    @Test
    void a_deal_stage_change_becomes_deal_updated_with_the_previous_stage() {
        String contact = hubspot.putContact(Map.of("email", "jane@example.com"));
        String deal = ((ActionResult.Delivered) Accounts.invoke(connector, "deal.create",
                "{\"title\":\"Casa\",\"amount\":\"350000.00\",\"currency\":\"BRL\",\"contact\":\"" + contact + "\"}",
                "d1")).externalRef();
        TestFollowUps.run(connector, context, receiveSigned(FakeHubSpot.event(10, "deal.creation", deal, null, null)));
        hubspot.change("deals", deal, Map.of("dealstage", "qualifiedtobuy"));
        TestFollowUps.run(connector, context, receiveSigned(FakeHubSpot.event(11, "deal.propertyChange", deal,
                "dealstage", "qualifiedtobuy")));

        assertThat(context.emitted()).hasSize(2).allSatisfy(d -> assertThat(d.type()).isEqualTo("deal.updated"));
        assertThat(context.emitted().get(0).attributes()).doesNotContainKey("previousStage");
        EnvelopeDraft moved = context.emitted().get(1);
        assertThat(moved.attributes()).containsEntry("previousStage", "appointmentscheduled");
        JsonNode data = ((GenericPayload) moved.payload()).data();
        assertThat(data.get("dealId").asText()).isEqualTo(deal);
        assertThat(data.get("title").asText()).isEqualTo("Casa");
        assertThat(data.get("stage").asText()).isEqualTo("qualifiedtobuy");
        assertThat(data.get("amount").decimalValue()).isEqualByComparingTo("350000.00");
        assertThat(data.get("currency").asText()).isEqualTo("BRL");
        assertThat(data.get("contactId").asText()).isEqualTo(contact);
    }

    @Test
    void a_deletion_is_stored_without_a_fetch_and_garbage_is_a_400() {
        List<EnvelopeDraft> drafts = receiveSigned(FakeHubSpot.event(20, "contact.deletion", "77", null, null));
        assertThat(drafts).singleElement().satisfies(d -> assertThat(d.followUp()).isNull());
        for (String garbage : List.of("{}", "[]", "[1]", "[{\"eventId\":1}]", "not json")) {
            assertThatThrownBy(() -> receiveSigned(garbage)).isInstanceOfSatisfying(WebhookRejectedException.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
