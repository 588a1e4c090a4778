package io.ponte.plugins.rulesagent;

import static io.ponte.plugins.rulesagent.Agents.AT;
import static io.ponte.plugins.rulesagent.Agents.KEY;
import static io.ponte.plugins.rulesagent.Agents.inbound;
import static io.ponte.plugins.rulesagent.Agents.replies;
import static io.ponte.plugins.rulesagent.Agents.replyTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.connector.Connector;
import io.ponte.api.conversation.ConversationInfo;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.conversation.HistoryEntry.Direction;
import io.ponte.kit.PluginJson;
import io.ponte.testkit.TestActions;
import io.ponte.testkit.TestConnectorContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's examples, read from the README itself, do what it says. */
class ReadmeExamplesTest {

    private static String readme() throws IOException {
        return Files.readString(Path.of("README.md"));
    }

    private static void say(TestConnectorContext ctx, Connector agent, String text) {
        String id = ctx.conversations().addText(KEY, Direction.INBOUND, text, AT).eventId();
        agent.invoke(replyTo(inbound(id, text)));
    }

    @Test
    void the_five_minute_agent_answers_as_shown() throws IOException {
        String readme = readme();
        int command = readme.indexOf("AGENT=$(curl");
        int start = readme.indexOf("-d '", command) + 4;
        JsonNode body = PluginJson.mapper().readTree(readme.substring(start, readme.indexOf('\'', start)));
        TestConnectorContext ctx = Agents.context(body.get("config").toString());
        ctx.conversations().open(KEY, "Ana");
        Connector agent = Agents.open(ctx);

        say(ctx, agent, "oi, qual o preço do frete?");
        say(ctx, agent, "e o meu pedido 4242?");
        say(ctx, agent, "quero falar com um atendente");
        say(ctx, agent, "alô?");

        assertThat(replies(ctx)).containsExactly(
                "Olá Ana! Sou o assistente da Loja.\n\nNossos preços estão em loja.example.com/precos",
                "Ana, vou verificar o pedido 4242.",
                "Certo! Um atendente vai falar com você.");
        assertThat(ctx.conversations().get(KEY)).map(ConversationInfo::state).contains(ConversationState.HUMAN);
    }

    @Test
    void the_router_example_routes_as_described() throws IOException {
        String readme = readme();
        int section = readme.indexOf("## Routing to specialists");
        int start = readme.indexOf("```json\n", section) + 8;
        String config = readme.substring(start, readme.indexOf("```", start));
        TestConnectorContext ctx = Agents.context(config);
        ActionSpec reply = new ActionSpec("agent.reply", "answers", null);
        ctx.actions().register("con_01J...SALES", reply, (input, cause) -> ActionResult.delivered("evt_S"))
                .register("con_01J...SUPPORT", reply, (input, cause) -> ActionResult.delivered("evt_P"));
        assertThat(new RulesAgentConnectorFactory().validate(ctx)).as("saved once the specialists exist").isEmpty();
        Connector router = Agents.open(ctx);

        say(ctx, router, "qual o horário?");
        say(ctx, router, "quero um orçamento");
        say(ctx, router, "de três lugares");
        say(ctx, router, "e a entrega do pedido 7?");

        assertThat(replies(ctx)).containsExactly("Das 9h às 18h.");
        assertThat(ctx.actions().calls()).extracting(TestActions.Call::connectionId)
                .containsExactly("con_01J...SALES", "con_01J...SALES", "con_01J...SUPPORT");
    }
}
