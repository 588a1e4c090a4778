package io.ponte.plugins.rdstationcrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.Connector;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.kit.PluginJson;
import io.ponte.testkit.TestConnectorContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RD Station CRM's deal webhooks, with the documented payload, behind the URL token. */
class DealWebhooksTest {

    private static final String TOKEN = "webhook-token-0123456789abcdef";

    private static WebhookReceiver receiver(String config) {
        TestConnectorContext context = TestConnectorContext.of(new RdStationCrmConnectorFactory(), config);
        Connector connector = new RdStationCrmConnectorFactory().open(context);
        return connector.webhook().orElseThrow();
    }

    private static WebhookReceiver receiver() {
        return receiver("{\"apiToken\":\"5f3c0a9e7d1b2c4e6f8a0b1c\",\"webhookToken\":\"" + TOKEN + "\"}");
    }

    private static ObjectNode fixture() throws IOException {
        try (InputStream in = DealWebhooksTest.class.getResourceAsStream(
                "/rdstation-crm/webhooks/crm-deal-updated.json")) {
            return (ObjectNode) PluginJson.mapper().readTree(in);
        }
    }

    private static WebhookRequest post(JsonNode body, String token) {
        Map<String, List<String>> query = token == null ? Map.of() : Map.of("token", List.of(token));
        return new WebhookRequest("POST", Map.of("Content-Type", List.of("application/json")), query,
                PluginJson.bytes(body));
    }

    @Test
    void turns_a_deal_webhook_into_deal_updated_with_its_stage_and_amount() throws IOException {
        List<EnvelopeDraft> drafts = receiver().receive(post(fixture(), TOKEN)).envelopes();
        assertThat(drafts).hasSize(1);
        EnvelopeDraft draft = drafts.get(0);
        assertThat(draft.type()).isEqualTo(EnvelopeTypes.DEAL_UPDATED);
        assertThat(draft.externalId()).isEqualTo("650878567482d9c0c7002050a475:2023-09-18T16:20:01.102-03:00");
        JsonNode payload = ((GenericPayload) draft.payload()).data();
        assertThat(payload.get("dealId").asText()).isEqualTo("650878567482d9c0c7002050a475");
        assertThat(payload.get("title").asText()).isEqualTo("Pedido ML 2000003456789012");
        assertThat(payload.get("stage").asText()).isEqualTo("Ganho");
        assertThat(payload.get("amount").decimalValue()).isEqualByComparingTo("189.9");
        assertThat(payload.get("currency").asText()).isEqualTo("BRL");
    }

    @Test
    void sets_previous_stage_when_the_deal_moved_since_the_last_webhook() throws IOException {
        WebhookReceiver receiver = receiver();
        ObjectNode before = fixture();
        ((ObjectNode) before.at("/document/deal_stage")).put("name", "Sem contato");
        ((ObjectNode) before.get("document")).put("updated_at", "2023-09-18T15:04:34.515-03:00");
        assertThat(receiver.receive(post(before, TOKEN)).envelopes().get(0).attributes())
                .doesNotContainKey("previousStage");
        EnvelopeDraft moved = receiver.receive(post(fixture(), TOKEN)).envelopes().get(0);
        assertThat(moved.attributes()).containsEntry("previousStage", "Sem contato");
    }

    @Test
    void rejects_a_webhook_with_a_wrong_or_missing_token_and_emits_nothing() throws IOException {
        WebhookReceiver receiver = receiver();
        ObjectNode body = fixture();
        assertThatThrownBy(() -> receiver.receive(post(body, "wrong-token-0123456789abcdef")))
                .isInstanceOf(WebhookRejectedException.class).extracting("status").isEqualTo(401);
        assertThatThrownBy(() -> receiver.receive(post(body, null)))
                .isInstanceOf(WebhookRejectedException.class).extracting("status").isEqualTo(401);
    }

    @Test
    void rejects_every_webhook_when_no_webhook_token_is_configured() throws IOException {
        WebhookReceiver receiver = receiver("{\"apiToken\":\"5f3c0a9e7d1b2c4e6f8a0b1c\"}");
        ObjectNode body = fixture();
        assertThatThrownBy(() -> receiver.receive(post(body, "")))
                .isInstanceOf(WebhookRejectedException.class).extracting("status").isEqualTo(401);
    }

    @Test
    void answers_a_deletion_without_emitting() throws IOException {
        ObjectNode body = fixture().put("event_name", "crm_deal_deleted");
        assertThat(receiver().receive(post(body, TOKEN)).envelopes()).isEmpty();
    }
}
