package io.ponte.plugins.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Party;
import io.ponte.api.message.StatusUpdate;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.plugins.whatsapp.fake.FakeGraphApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The fake's webhook builders, which the hub's end-to-end test POSTs, are what the receiver accepts. */
class FakeGraphApiTest {

    private final WebhookReceiver receiver = new WhatsAppConnectorFactory()
            .open(Fixtures.context("http://127.0.0.1:9/v21.0")).webhook().orElseThrow();

    private List<EnvelopeDraft> receive(FakeGraphApi.SignedWebhook webhook) {
        Map<String, List<String>> headers = webhook.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        return receiver.receive(new WebhookRequest("POST", headers, Map.of(), webhook.body())).envelopes();
    }

    @Test
    void a_signed_text_message_webhook_becomes_one_inbound_message() {
        FakeGraphApi.SignedWebhook webhook = FakeGraphApi.signedWebhook(Fixtures.APP_SECRET,
                FakeGraphApi.textMessageWebhook(Fixtures.PHONE_NUMBER_ID, "5511987650001", "Ana", "wamid.E2E1",
                        "quero falar com alguém", 1_767_261_600L));

        EnvelopeDraft draft = Fixtures.only(receive(webhook));

        assertThat(draft.externalId()).isEqualTo("wamid.E2E1");
        assertThat(draft.occurredAt()).isEqualTo(Instant.ofEpochSecond(1_767_261_600L));
        assertThat(draft.payload()).isEqualTo(ChatMessage.inbound(new Party("5511987650001", "Ana"),
                new Content.Text("quero falar com alguém")));
    }

    @Test
    void signed_status_webhooks_become_status_updates_including_failures() {
        EnvelopeDraft read = Fixtures.only(receive(FakeGraphApi.signedWebhook(Fixtures.APP_SECRET,
                FakeGraphApi.statusWebhook(Fixtures.PHONE_NUMBER_ID, "wamid.FAKE00000001", "read", "5511987650001"))));
        EnvelopeDraft failed = Fixtures.only(receive(FakeGraphApi.signedWebhook(Fixtures.APP_SECRET,
                FakeGraphApi.statusWebhook(Fixtures.PHONE_NUMBER_ID, "wamid.FAKE00000002", "failed", "55"))));

        assertThat(read.payload()).isEqualTo(new StatusUpdate("wamid.FAKE00000001", StatusUpdate.Status.READ,
                "5511987650001", null, null));
        assertThat(read.externalId()).isEqualTo("wamid.FAKE00000001:read");
        assertThat(((StatusUpdate) failed.payload()).errorCode()).isEqualTo("131026");
    }
}
