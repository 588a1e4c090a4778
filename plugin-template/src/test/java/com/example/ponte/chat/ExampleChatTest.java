package com.example.ponte.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Recorded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A webhook in becomes a message.inbound envelope; message.send goes out to the (fake) provider. */
class ExampleChatTest {

    static final String WEBHOOK_SECRET = "whs_test_0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeExampleChat provider = new FakeExampleChat();

    @AfterEach
    void stop() {
        provider.close();
    }

    static String config(String baseUrl) {
        return "{\"baseUrl\":\"" + baseUrl + "\",\"apiToken\":\"" + FakeExampleChat.TOKEN + "\",\"webhookSecret\":\""
                + WEBHOOK_SECRET + "\"}";
    }

    static ActionRequest send(String input, String deliveryId, int attempt) {
        try {
            return new ActionRequest("message.send", JSON.readTree(input), null, deliveryId, attempt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A webhook request signed as Example Chat signs it. */
    static WebhookRequest signed(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = ExampleChatWebhook.sign(
                new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), bytes);
        return new WebhookRequest("POST", Map.of(ExampleChatWebhook.SIGNATURE_HEADER, List.of(signature)), Map.of(),
                bytes);
    }

    private Connector open() {
        return new ExampleChatConnectorFactory().open(TestConnectorContext.of(new ExampleChatConnectorFactory(),
                config(provider.root().toString())));
    }

    @Test
    void a_signed_webhook_becomes_an_inbound_text_message_keyed_by_the_message_id() {
        WebhookResult result = open().webhook().orElseThrow().receive(signed(
                "{\"id\":\"m_1\",\"from\":\"u_42\",\"name\":\"Ana\",\"text\":\"oi\","
                        + "\"sentAt\":\"2026-01-01T10:00:00Z\"}"));

        EnvelopeDraft draft = result.envelopes().getFirst();
        assertEquals("message.inbound", draft.type());
        assertEquals("m_1", draft.externalId());
        ChatMessage message = assertInstanceOf(ChatMessage.class, draft.payload());
        assertEquals("u_42", message.from().address());
        assertEquals(new Content.Text("oi"), message.content());
    }

    @Test
    void a_webhook_without_the_right_signature_is_refused_with_401() {
        WebhookRequest forged = new WebhookRequest("POST", Map.of(ExampleChatWebhook.SIGNATURE_HEADER,
                List.of("sha256=00")), Map.of(), "{\"id\":\"m_1\",\"from\":\"u\",\"text\":\"x\"}".getBytes());
        WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
                () -> open().webhook().orElseThrow().receive(forged));
        assertEquals(401, e.status());
    }

    @Test
    void message_send_posts_the_text_with_the_token_and_the_delivery_id_as_idempotency_key() {
        ActionResult result = open().invoke(send("{\"to\":\"u_42\",\"text\":\"hello\"}", "dlv_1", 1));

        assertEquals(ActionResult.delivered("msg_1"), result);
        Recorded call = provider.requests().getFirst();
        assertEquals("POST", call.method());
        assertEquals("/v1/messages", call.path());
        assertEquals("dlv_1", call.header("idempotency-key"));
        assertEquals("hello", call.bodyJson().get("text").asText());
    }

    @Test
    void a_retried_delivery_sends_the_message_once() {
        Connector connector = open();
        connector.invoke(send("{\"to\":\"u_42\",\"text\":\"hello\"}", "dlv_1", 1));
        connector.invoke(send("{\"to\":\"u_42\",\"text\":\"hello\"}", "dlv_1", 2));
        assertEquals(1, provider.sentCount());
    }
}
