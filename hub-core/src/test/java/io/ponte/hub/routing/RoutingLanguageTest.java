package io.ponte.hub.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.Party;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CEL conditions and Mustache inputs over the envelope's JSON form. */
class RoutingLanguageTest {

    private final Envelope envelope = new Envelope("evt_1", "default", "message.inbound", "con_A", "m1",
            io.ponte.api.message.ConversationKey.of("con_A:5511999990001"), Instant.parse("2026-01-01T10:00:00Z"), "evt_1", null,
            ChatMessage.inbound(new Party("5511999990001", "Ana"), new Content.Text("quero o preço")),
            Map.of("lang", "pt"));
    private final Map<String, Object> vars = EnvelopeContext.of(envelope);

    @Test
    void cel_sees_the_envelope_fields_and_shortcuts() {
        assertThat(CelCondition.compile("type == 'message.inbound' && source == 'con_A'").matches(vars)).isTrue();
        assertThat(CelCondition.compile("payload.content.text.contains('preço')").matches(vars)).isTrue();
        assertThat(CelCondition.compile("attributes.lang == 'pt' && envelope.externalId == 'm1'").matches(vars)).isTrue();
        assertThat(CelCondition.compile("has(payload.content.caption)").matches(vars)).isFalse();
        assertThat(CelCondition.compile("payload.from.name in ['Ana', 'Bia']").matches(vars)).isTrue();
    }

    @Test
    void cel_rejects_syntax_errors_and_non_boolean_results_at_compile_time() {
        assertThatThrownBy(() -> CelCondition.compile("type ==")).hasMessageContaining("1:");
        assertThatThrownBy(() -> CelCondition.compile("'text'")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CelCondition.compile("nope == 1")).hasMessageContaining("nope");
    }

    @Test
    void a_runtime_error_in_a_condition_is_reported_not_swallowed() {
        CelCondition c = CelCondition.compile("payload.content.caption == 'x'");
        assertThatThrownBy(() -> c.matches(vars)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("caption");
    }

    @Test
    void templates_render_strings_and_keep_other_json_values() {
        InputTemplate t = InputTemplate.compile(io.ponte.hub.testing.TestHub.parse("""
                {"to":"{{payload.from.address}}","text":"Olá {{payload.from.name}}: <{{payload.content.text}}>",
                 "n":3,"flags":[true,"{{type}}"],"nested":{"missing":"[{{payload.nothing}}]"}}"""), "input");
        String out = t.render(vars).toString();
        assertThat(out).isEqualTo("{\"to\":\"5511999990001\",\"text\":\"Olá Ana: <quero o preço>\",\"n\":3,"
                + "\"flags\":[true,\"message.inbound\"],\"nested\":{\"missing\":\"[]\"}}");
    }

    @Test
    void a_broken_template_names_its_path() {
        assertThatThrownBy(() -> InputTemplate.compile(io.ponte.hub.testing.TestHub.parse(
                "{\"a\":{\"b\":[\"ok\",\"{{#x}}\"]}}"), "actions[0].input"))
                .hasMessageStartingWith("actions[0].input.a.b[1]:");
    }

    @Test
    void money_keeps_its_cents_in_templates_while_conditions_compare_it_as_a_number() {
        Envelope paid = new Envelope("evt_2", "default", "payment.succeeded", "con_MP", "p1", null,
                Instant.parse("2026-01-01T10:00:00Z"), "evt_2", null, new io.ponte.api.message.Payment("p1",
                "approved", new java.math.BigDecimal("189.90"), "BRL", "A-1", null, "pix"), Map.of());
        EnvelopeContext.Vars both = EnvelopeContext.both(paid);
        assertThat(CelCondition.compile("payload.amount > 100.0").matches(both.conditions())).isTrue();
        assertThat(InputTemplate.compile(io.ponte.hub.json.HubJson.mapper().createObjectNode()
                        .put("text", "Recebemos R$ {{payload.amount}} do pedido {{payload.orderId}}"), "input")
                .render(both.templates()).get("text").asText())
                .isEqualTo("Recebemos R$ 189.90 do pedido A-1");
        // an envelope without decimals needs only one map
        EnvelopeContext.Vars chat = EnvelopeContext.both(envelope);
        assertThat(chat.templates()).isSameAs(chat.conditions());
    }
}
