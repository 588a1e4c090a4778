package io.ponte.plugins.mercadopago;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.plugins.mercadopago.fake.FakeMercadoPago;
import io.ponte.testkit.fake.Recorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** pix.create against the fake: the request Mercado Pago documents, the code back, and the code in the chat. */
class PixCreateTest {

    private static final String INPUT = """
            {"amount":189.90,"description":"Tênis azul 38","payerEmail":"ana.souza@example.com",
             "expiresInMinutes":60,"orderId":"PED-1001","conversation":"con_WA:5511987650001"}""";

    private final FakeMercadoPago api = new FakeMercadoPago(Accounts.TOKEN);
    private final Accounts account = new Accounts(api);

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void creates_a_pix_payment_as_mercado_pago_documents_it_and_answers_the_code_and_qr() {
        ActionResult result = account.invoke("pix.create", INPUT, "dlv_PIX1");

        Recorded call = api.paymentCreations().get(0);
        assertThat(call.header("authorization")).isEqualTo("Bearer " + Accounts.TOKEN);
        assertThat(call.header("x-idempotency-key")).isEqualTo("dlv_PIX1");
        JsonNode body = call.bodyJson();
        assertThat(body.get("payment_method_id").asText()).isEqualTo("pix");
        assertThat(body.get("transaction_amount").decimalValue()).isEqualByComparingTo("189.90");
        assertThat(body.get("description").asText()).isEqualTo("Tênis azul 38");
        assertThat(body.at("/payer/email").asText()).isEqualTo("ana.souza@example.com");
        assertThat(body.get("date_of_expiration").asText()).isEqualTo("2026-01-01T11:00:00.000Z");
        assertThat(body.get("external_reference").asText()).isEqualTo("PED-1001");
        assertThat(body.at("/metadata/conversation").asText()).isEqualTo("con_WA:5511987650001");

        assertThat(result).isInstanceOfSatisfying(ActionResult.Delivered.class, d -> {
            assertThat(d.externalRef()).isEqualTo("1325000001");
            assertThat(d.output().get("qrCode").asText()).startsWith("00020126580014br.gov.bcb.pix");
            assertThat(d.output().get("qrCodeBase64").asText()).startsWith("iVBORw0KGgo");
            assertThat(d.output().get("ticketUrl").asText()).contains("/payments/1325000001/ticket");
            assertThat(d.output().get("expiresAt").asText()).isEqualTo("2026-01-01T11:00:00.000Z");
            assertThat(d.output().get("status").asText()).isEqualTo("pending");
        });
    }

    @Test
    void puts_the_instructions_and_then_the_bare_code_into_the_conversation() {
        account.invoke("pix.create", INPUT, "dlv_PIX1");

        assertThat(account.context.emitted()).hasSize(2);
        EnvelopeDraft instructions = account.context.emitted().get(0);
        EnvelopeDraft code = account.context.emitted().get(1);
        assertThat(instructions.type()).isEqualTo("message.outbound");
        assertThat(instructions.conversation()).isEqualTo(new ConversationKey("con_WA", "5511987650001"));
        assertThat(instructions.externalId()).isEqualTo("pix:1325000001:instructions");
        String text = ((Content.Text) ((ChatMessage) instructions.payload()).content()).text();
        assertThat(text).contains("R$ 189,90").contains("Tênis azul 38").contains("Pix Copia e Cola")
                .contains("01/01 às 08:00 (horário de Brasília)").contains("/payments/1325000001/ticket");
        ChatMessage codeMessage = (ChatMessage) code.payload();
        assertThat(((Content.Text) codeMessage.content()).text()).isEqualTo(api.payment("1325000001")
                .at("/point_of_interaction/transaction_data/qr_code").asText());
        assertThat(codeMessage.to().address()).isEqualTo("5511987650001");
    }

    @Test
    void a_retried_delivery_gets_the_same_payment_and_sends_the_code_once() {
        ActionResult first = account.invoke("pix.create", INPUT, "dlv_PIX1");
        ActionResult retry = account.invoke("pix.create", INPUT, "dlv_PIX1");

        assertThat(((ActionResult.Delivered) retry).externalRef())
                .isEqualTo(((ActionResult.Delivered) first).externalRef());
        assertThat(api.paymentCreations()).hasSize(2);
        assertThat(account.context.emitted()).as("the same keys store nothing new").hasSize(2);

        account.invoke("pix.create", INPUT, "dlv_PIX2");
        assertThat(account.context.emitted()).as("another delivery is another charge").hasSize(4);
    }

    @Test
    void without_a_conversation_it_only_answers_and_defaults_the_expiry_to_30_minutes() {
        ActionResult result = account.invoke("pix.create", """
                {"amount":"10","description":"Frete","payerEmail":"ana.souza@example.com"}""", "dlv_PIX3");
        assertThat(result).isInstanceOf(ActionResult.Delivered.class);
        assertThat(account.context.emitted()).isEmpty();
        JsonNode body = api.paymentCreations().get(0).bodyJson();
        assertThat(body.get("date_of_expiration").asText()).isEqualTo("2026-01-01T10:30:00.000Z");
        assertThat(body.has("external_reference")).isFalse();
    }

    @Test
    void refuses_bad_input_without_calling_mercado_pago() {
        for (String input : new String[]{"{\"description\":\"x\",\"payerEmail\":\"a@b.c\"}",
                "{\"amount\":-1,\"description\":\"x\",\"payerEmail\":\"a@b.c\"}",
                "{\"amount\":1.234,\"description\":\"x\",\"payerEmail\":\"a@b.c\"}",
                "{\"amount\":1,\"description\":\"x\"}",
                "{\"amount\":1,\"description\":\"x\",\"payerEmail\":\"a@b.c\",\"expiresInMinutes\":5}",
                "{\"amount\":1,\"description\":\"x\",\"payerEmail\":\"a@b.c\",\"conversation\":\"no-colon\"}"}) {
            assertThat(account.invoke("pix.create", input, "dlv_BAD")).as(input)
                    .isInstanceOf(ActionResult.Failed.class);
        }
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void a_refused_request_fails_with_mercado_pagos_causes_and_a_refused_token_reports_the_connection_down() {
        api.enqueue(io.ponte.testkit.fake.Answer.json(400, FakeMercadoPago.fixture("api/error-400.json")));
        assertThat(account.invoke("pix.create", INPUT, "dlv_400")).isInstanceOfSatisfying(ActionResult.Failed.class,
                f -> assertThat(f.reason()).contains("bad_request").contains("2006 Card Token not found"));

        api.enqueue(io.ponte.testkit.fake.Answer.json(401, FakeMercadoPago.fixture("api/error-401.json")));
        assertThat(account.invoke("pix.create", INPUT, "dlv_401")).isInstanceOfSatisfying(ActionResult.Failed.class,
                f -> assertThat(f.reason()).contains("refused the access token").doesNotContain(Accounts.TOKEN));
        assertThat(account.context.reportedHealth()).last().extracting(Health::status)
                .isEqualTo(Health.down("x").status());
        assertThat(account.context.emitted()).isEmpty();
    }
}
