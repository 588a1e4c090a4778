package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.message.Envelope;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.openai.fake.FakeChatCompletions.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsageTest {

    private final FakeChatCompletions fake = new FakeChatCompletions();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void counts_tokens_and_cost_per_model_and_records_one_usage_note() {
        Agents a = new Agents(fake, "{\"model\":\"gpt-4o\"}");
        fake.enqueue(Answer.text("oi").usage(1000, 200));
        Envelope cause = a.inbound("oi");

        ActionResult r = a.reply(cause);

        // gpt-4o: 2.50 USD per 1M input, 10.00 per 1M output -> 0.0025 + 0.002
        assertThat(a.context.recordedMetrics()).filteredOn(m -> m.startsWith("agent.tokens")
                || m.startsWith("agent.cost")).containsExactly(
                "agent.tokens[direction,input,model,gpt-4o,provider,openai]=1000.0",
                "agent.tokens[direction,output,model,gpt-4o,provider,openai]=200.0",
                "agent.cost.usd[model,gpt-4o,provider,openai]=0.0045");
        assertThat(a.context.recordedMetrics()).as("the reply, counted as every agent's")
                .contains("agent.replies[via,model]");
        JsonNode usage = Json.parse("{\"model\":\"gpt-4o\",\"provider\":\"openai\",\"inputTokens\":1000,"
                + "\"outputTokens\":200,\"costUsd\":0.0045}");
        // numbers compare by value, not by node type (long vs int)
        assertThat(a.notes()).extracting(JsonNode::toString).containsExactly("{\"usage\":" + usage + "}");
        assertThat(a.emitted("conversation.note").get(0).externalId()).isEqualTo("usage:" + cause.id());
        assertThat(((ActionResult.Delivered) r).output().get("usage").toString()).isEqualTo(usage.toString());
    }

    @Test
    void sums_the_tool_rounds_of_one_reply() {
        Agents a = new Agents(fake, "{\"tools\":[\"con_X/order.get\"]}");
        a.context.actions().register("con_X", new ActionSpec("order.get", "x", null),
                (in, c) -> ActionResult.delivered("o1"));
        fake.enqueue(Answer.toolCall("c1", "order_get__X", "{}").usage(100, 10), Answer.text("ok").usage(150, 20));

        a.say("pedido?");

        JsonNode usage = a.notes().stream().filter(n -> n.has("usage")).findFirst().orElseThrow().get("usage");
        assertThat(usage.get("inputTokens").asLong()).isEqualTo(250);
        assertThat(usage.get("outputTokens").asLong()).isEqualTo(30);
        assertThat(usage.get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void an_unpriced_model_costs_zero() {
        Agents a = new Agents(fake, "{\"model\":\"llama3\",\"prices\":{}}");
        a.say("oi");
        assertThat(a.context.recordedMetrics()).contains("agent.cost.usd[model,llama3,provider,openai]=0.0");
    }
}
