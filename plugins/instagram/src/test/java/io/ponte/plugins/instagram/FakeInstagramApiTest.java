package io.ponte.plugins.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.connector.Connector;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Party;
import io.ponte.plugins.instagram.fake.FakeInstagramApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake's own promises, which the end-to-end tests in distribution/ rely on. */
class FakeInstagramApiTest {

    @Test
    void builds_signed_text_and_echo_webhooks_the_receiver_accepts() {
        FakeInstagramApi.SignedWebhook hook = FakeInstagramApi.webhook(Fixtures.ACCOUNT)
                .text(Fixtures.CONTACT, "m_in_1", "Oi!", Fixtures.T0)
                .echo(Fixtures.CONTACT, "m_out_1", "Olá! Em que posso ajudar?", Fixtures.T0 + 1)
                .quickReply(Fixtures.CONTACT, "m_in_2", "Sim", "YES", Fixtures.T0 + 2)
                .read(Fixtures.CONTACT, "m_out_1", Fixtures.T0 + 3)
                .signed(Fixtures.APP_SECRET);

        List<EnvelopeDraft> drafts;
        try (Connector connector = new InstagramConnectorFactory().open(Fixtures.context(null))) {
            drafts = connector.webhook().orElseThrow().receive(hook.toRequest()).envelopes();
        }

        assertThat(drafts).extracting(EnvelopeDraft::type)
                .containsExactly("message.inbound", "message.echo", "message.inbound", "message.status");
        assertThat(drafts.get(0).payload()).isEqualTo(ChatMessage.inbound(Party.of(Fixtures.CONTACT),
                new Content.Text("Oi!")));
        assertThat(drafts.get(1).payload()).isEqualTo(ChatMessage.outbound(Party.of(Fixtures.CONTACT),
                new Content.Text("Olá! Em que posso ajudar?")));
        assertThat(hook.headerName()).isEqualTo("X-Hub-Signature-256");
    }

    @Test
    void the_static_helpers_produce_the_same_shape_as_the_reference_samples() {
        String body = FakeInstagramApi.inboundTextWebhook(Fixtures.ACCOUNT, Fixtures.CONTACT, Fixtures.mid(1),
                "Hi! Is the blue sneaker still in stock?", Fixtures.T0 + 100);

        // Same keys, nesting and order as signed/text.body.json, which follows Meta's template.
        assertThat(body.replace("\"time\":1767261600000", "\"time\":1767261600900"))
                .isEqualTo(Fixtures.text("signed/text.body.json"));
        assertThat(FakeInstagramApi.signedWebhook(Fixtures.APP_SECRET, Fixtures.text("signed/text.body.json"))
                .signature()).isEqualTo(Fixtures.text("signed/text.signature"));
        assertThat(Fixtures.json(FakeInstagramApi.echoWebhook(Fixtures.ACCOUNT, Fixtures.CONTACT, "m1", "x", 1L))
                .at("/entry/0/messaging/0/message/is_echo").booleanValue()).isTrue();
    }

    @Test
    void answers_without_a_token_like_meta_and_records_the_request() throws Exception {
        try (FakeInstagramApi fake = new FakeInstagramApi()) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/" + fake.igUserId() + "/messages"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"recipient\":{\"id\":\"1\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(Fixtures.json(response.body()).at("/error/code").intValue()).isEqualTo(104);
            assertThat(fake.sentMessages()).containsExactly(Fixtures.json("{\"recipient\":{\"id\":\"1\"}}"));
            assertThat(fake.deliveredMessages()).isEmpty();
        }
    }
}
