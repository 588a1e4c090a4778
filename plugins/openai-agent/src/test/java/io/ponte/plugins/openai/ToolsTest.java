package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.message.Envelope;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.openai.fake.FakeChatCompletions.Answer;
import io.ponte.plugins.openai.fake.FakeChatCompletions.ToolCall;
import io.ponte.testkit.TestActions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ToolsTest {

    private static final JsonNode ORDER_SCHEMA = Json.parse("""
            {"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}""");

    private final FakeChatCompletions fake = new FakeChatCompletions();

    @AfterEach
    void stop() {
        fake.close();
    }

    private Agents agent(String tools) {
        Agents a = new Agents(fake, "{\"tools\":" + tools + "}");
        a.context.actions().register("con_01SHOP", new ActionSpec("order.get", "Looks an order up by id.",
                ORDER_SCHEMA), (input, cause) -> new ActionResult.Delivered("o-" + input.path("orderId").asText(),
                Json.object().put("orderId", input.path("orderId").asText()).put("status", "shipped")));
        return a;
    }

    @Test
    void offers_each_configured_action_as_a_function_with_its_input_schema() {
        Agents a = agent("[\"con_01SHOP/order.get\",\"con_GONE/order.cancel\",\"handoff.human\","
                + "\"memory.remember\"]");
        a.say("oi");

        JsonNode tools = fake.lastRequest().get("tools");
        assertThat(tools).hasSize(4);
        assertThat(tools.get(0)).isEqualTo(Json.parse("""
                {"type":"function","function":{"name":"order_get__01SHOP","description":"Looks an order up by id.",
                 "parameters":{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}}}"""));
        assertThat(tools.get(1).at("/function/name").asText()).isEqualTo("order_cancel__GONE");
        assertThat(tools.get(1).at("/function/parameters")).isEqualTo(Json.parse("{\"type\":\"object\"}"));
        assertThat(tools.get(2).at("/function/name").asText()).isEqualTo("handoff_human");
        assertThat(tools.get(3).at("/function/name").asText()).isEqualTo("memory_remember");
        assertThat(fake.lastRequest().get("tool_choice").asText()).isEqualTo("auto");
        for (JsonNode t : tools) {
            assertThat(t.at("/function/name").asText()).matches("^[a-zA-Z0-9_-]{1,64}$");
        }
    }

    @Test
    void runs_a_tool_call_and_gives_the_model_its_output() {
        Agents a = agent("[\"con_01SHOP/order.get\"]");
        fake.enqueue(Answer.toolCall("call_1", "order_get__01SHOP", "{\n\"orderId\": \"123\"\n}"),
                Answer.text("Seu pedido 123 foi enviado."));
        Envelope cause = a.inbound("cadê meu pedido 123?");

        a.reply(cause);

        List<TestActions.Call> calls = a.context.actions().calls();
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.connectionId()).isEqualTo("con_01SHOP");
            assertThat(c.action()).isEqualTo("order.get");
            assertThat(c.input()).isEqualTo(Json.parse("{\"orderId\":\"123\"}"));
            assertThat(c.cause()).isSameAs(cause);
        });
        JsonNode second = a.messages(1);
        assertThat(second.get(second.size() - 2).at("/tool_calls/0/id").asText()).isEqualTo("call_1");
        assertThat(second.get(second.size() - 1)).isEqualTo(Json.parse("""
                {"role":"tool","tool_call_id":"call_1","content":"{\\"orderId\\":\\"123\\",\\"status\\":\\"shipped\\"}"}"""));
        assertThat(a.replies()).extracting(Agents::text).containsExactly("Seu pedido 123 foi enviado.");
        assertThat(a.emitted("conversation.note").get(0).externalId()).isEqualTo("tool:" + cause.id() + ":call_1");
        assertThat(a.notes().get(0)).isEqualTo(Json.parse("""
                {"tool":"order_get__01SHOP","input":{"orderId":"123"},"outcome":"delivered",
                 "connection":"con_01SHOP","action":"order.get","output":{"orderId":"123","status":"shipped"}}"""));
    }

    @Test
    void a_failing_tool_does_not_fail_the_reply_the_model_gets_the_error() {
        Agents a = agent("[\"con_01SHOP/order.get\",\"con_01SHOP/order.cancel\"]");
        a.context.actions().register("con_01SHOP", new ActionSpec("order.cancel", "Cancels.", null),
                (input, cause) -> ActionResult.failed("order 9 is already shipped"));
        fake.enqueue(Answer.toolCall("call_9", "order_cancel__01SHOP", "{\"orderId\":\"9\"}"),
                Answer.text("Não consegui cancelar: já foi enviado."));

        ActionResult r = a.say("cancela o pedido 9");

        assertThat(r).isInstanceOf(ActionResult.Delivered.class);
        JsonNode last = a.messages(1).get(a.messages(1).size() - 1);
        assertThat(last.get("content").asText()).isEqualTo("error: order 9 is already shipped");
        assertThat(a.notes().get(0).get("outcome").asText()).isEqualTo("failed");
        assertThat(a.notes().get(0).get("error").asText()).isEqualTo("order 9 is already shipped");
        assertThat(a.replies()).hasSize(1);
    }

    @Test
    void an_unknown_tool_or_bad_arguments_are_answered_with_an_error_and_recorded() {
        Agents a = agent("[\"con_01SHOP/order.get\"]");
        fake.enqueue(Answer.toolCalls(new ToolCall("call_a", "delete_everything", "{}"),
                        new ToolCall("call_b", "order_get__01SHOP", "not json")),
                Answer.text("Desculpe."));

        a.say("oi");

        JsonNode m = a.messages(1);
        assertThat(m.get(m.size() - 2).get("content").asText()).isEqualTo("error: there is no tool named "
                + "delete_everything");
        assertThat(m.get(m.size() - 1).get("content").asText()).contains("JSON object");
        assertThat(a.notes()).filteredOn(n -> n.has("tool")).extracting(n -> n.get("outcome").asText())
                .containsExactly("unknown_tool", "error");
        assertThat(a.context.actions().calls()).isEmpty();
    }

    @Test
    void stops_calling_tools_after_four_rounds_and_asks_for_a_text_answer() {
        Agents a = agent("[\"con_01SHOP/order.get\"]");
        for (int i = 0; i < 5; i++) {
            fake.enqueue(Answer.toolCall("call_" + i, "order_get__01SHOP", "{\"orderId\":\"" + i + "\"}"));
        }
        fake.enqueue(Answer.text("não deveria chegar aqui"));

        ActionResult r = a.say("loop");

        assertThat(fake.requests()).hasSize(5);
        assertThat(fake.requestBodies().subList(0, 4)).allSatisfy(b -> assertThat(b.get("tool_choice").asText())
                .isEqualTo("auto"));
        assertThat(fake.lastRequest().get("tool_choice").asText()).isEqualTo("none");
        assertThat(a.context.actions().calls()).hasSize(4);
        assertThat(r).isInstanceOfSatisfying(ActionResult.Delivered.class,
                d -> assertThat(d.output().get("skipped").asText()).contains("no text answer"));
        assertThat(a.replies()).isEmpty();
    }

    @Test
    void memory_remember_persists_in_state_and_shows_in_the_next_prompt() {
        Agents a = agent("[\"memory.remember\"]");
        fake.enqueue(Answer.toolCall("call_m", "memory_remember", "{\"key\":\"city\",\"value\":\"Recife\"}"),
                Answer.text("Anotado!"));
        a.say("moro em Recife");

        assertThat(a.context.stateSnapshot()).containsEntry("memory:" + Agents.KEY, "{\"city\":\"Recife\"}");
        assertThat(a.notes().get(0).get("outcome").asText()).isEqualTo("done");

        a.outbound("Anotado!");
        a.say("qual a previsão do tempo?");
        assertThat(a.messages(2).get(0).get("content").asText())
                .endsWith("Known facts about this contact:\n- city: Recife");
    }

    @Test
    void memory_survives_a_restart_of_the_connection() {
        Agents a = agent("[\"memory.remember\"]");
        fake.enqueue(Answer.toolCall("call_m", "memory_remember", "{\"key\":\"nome\",\"value\":\"Ana\"}"),
                Answer.text("Prazer!"));
        a.say("sou a Ana");
        a.agent.close();

        OpenAiAgentConfig config = OpenAiAgentConfig.from(a.context.config());
        OpenAiAgentConnector reopened = new OpenAiAgentConnector(config, a.context,
                OpenAiAgentConnectorFactory.providers(config, a.context), d -> { });
        reopened.invoke(new ActionRequest(ActionNames.AGENT_REPLY, Json.object(), a.inbound("lembra?"),
                "dlv_x", 1));
        assertThat(fake.lastRequest().at("/messages/0/content").asText()).contains("- nome: Ana");
        reopened.close();
    }
}
