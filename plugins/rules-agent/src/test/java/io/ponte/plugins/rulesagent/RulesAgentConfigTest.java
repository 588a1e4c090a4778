package io.ponte.plugins.rulesagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.kit.PluginJson;
import io.ponte.testkit.TestConnectorContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesAgentConfigTest {

    private static ConfigException invalid(String configJson) {
        TestConnectorContext ctx = Agents.context(configJson);
        return catchThrowableOfType(ConfigException.class, () -> Agents.open(ctx));
    }

    private static List<String> fields(ConfigException e) {
        assertThat(e).as("opening must fail with a ConfigException").isNotNull();
        return e.errors().stream().map(ConfigError::field).toList();
    }

    @Test
    void the_descriptor_declares_the_public_contract() {
        ConnectorDescriptor d = new RulesAgentConnectorFactory().descriptor();
        assertThat(d.type()).isEqualTo("rules-agent");
        assertThat(d.category()).isEqualTo(Category.AGENT);
        assertThat(d.config().fields()).extracting(ConfigField::name).containsExactly("rules", "greeting",
                "greetingThenRules", "defaultReply", "handoff", "specialists");
        assertThat(d.config().fields()).noneMatch(ConfigField::secret);
        assertThat(d.config().field("rules").orElseThrow().required()).isTrue();
        assertThat(d.config().field("greetingThenRules").orElseThrow().defaultValue().asBoolean()).isFalse();
        assertThat(d.emits()).containsExactly("message.outbound", "conversation.note");
        assertThat(d.actions()).extracting(ActionSpec::name).containsExactly("agent.reply");
        assertThat(d.action("agent.reply").orElseThrow().inputSchema())
                .isEqualTo(PluginJson.mapper().createObjectNode().put("type", "object"));
    }

    @Test
    void the_hub_refuses_a_config_without_rules() {
        assertThat(new RulesAgentConnectorFactory().descriptor().config()
                .validate(PluginJson.mapper().createObjectNode().put("greeting", "oi")))
                .extracting(ConfigError::field).containsExactly("rules");
    }

    @Test
    void names_every_bad_rule_with_its_index_at_once() {
        ConfigException e = invalid("""
                {"rules":[{"pattern":"(unclosed","reply":"ok"},
                          {"pattern":"fine","reply":"{{#open}}never closed"},
                          {"pattern":"[z-a]","reply":"{{> partial}}"},
                          "not an object",
                          {"reply":"no pattern","replay":"typo"},
                          {"pattern":"   ","reply":7}]}""");
        assertThat(fields(e)).containsExactly("rules[0].pattern", "rules[1].reply", "rules[2].pattern",
                "rules[2].reply", "rules[3]", "rules[4].replay", "rules[4].pattern", "rules[5].pattern",
                "rules[5].reply");
        assertThat(e)
                .hasMessageStartingWith("rules[0].pattern: is not a valid regular expression: Unclosed group")
                .hasMessageContaining("rules[1].reply: is not a valid Mustache template")
                .hasMessageContaining("rules[2].reply: cannot include other templates ({{> partial}})")
                .hasMessageContaining("rules[3]: must be an object")
                .hasMessageContaining("rules[4].pattern: is required")
                .hasMessageContaining("rules[5].pattern: must not be empty")
                .hasMessageContaining("rules[5].reply: must be a string");
    }

    @Test
    void refuses_rules_that_are_not_a_list() {
        ConfigException e = invalid("{\"rules\":{\"pattern\":\"oi\",\"reply\":\"olá\"}}");
        assertThat(fields(e)).containsExactly("rules");
        assertThat(e).hasMessageContaining("rules: must be a list of {\"pattern\":\"<regex>\",\"reply\":");
    }

    @Test
    void checks_greeting_default_reply_hand_off_and_specialists_too() {
        ObjectNode blank = PluginJson.mapper().createObjectNode().put("defaultReply", " \n");
        blank.putArray("rules");
        assertThat(new RulesAgentConnectorFactory().descriptor().config().validate(blank))
                .as("the field refuses an empty template before the agent reads the rest")
                .containsExactly(new ConfigError("defaultReply", "must not be empty: the reply to send"));
        ConfigException e = invalid("""
                {"rules":[],"greeting":"{{/x}}","defaultReply":"{{#x}}",
                 "handoff":{"pattern":"*humano"},
                 "specialists":[{"pattern":"vend","connection":"con_TEST"},
                                {"pattern":"comprar","connection":"con_SALES","intent":"sales"},
                                {"pattern":"pagar","connection":"con_BILLING","intent":"sales"},
                                {"pattern":"(x","intent":"support"}]}""");
        assertThat(fields(e)).containsExactly("greeting", "defaultReply", "handoff.pattern",
                "specialists[0].connection", "specialists[2].intent", "specialists[3].pattern",
                "specialists[3].connection");
        assertThat(e).hasMessageContaining("specialists[0].connection: is this agent itself")
                .hasMessageContaining("specialists[2].intent: \"sales\" already goes to con_SALES (specialists[1])");
    }

    @Test
    void refuses_specialists_and_a_hand_off_of_the_wrong_shape() {
        assertThat(fields(invalid("{\"rules\":[],\"specialists\":{\"pattern\":\"x\"},\"handoff\":\"humano\"}")))
                .containsExactly("handoff", "specialists");
    }

    @Test
    void reads_a_full_config() {
        TestConnectorContext ctx = Agents.context("""
                {"rules":[{"pattern":"oi","reply":"olá"},{"pattern":"tchau","reply":"até"}],
                 "greeting":"Bem-vindo","defaultReply":"?","handoff":{"pattern":"humano"},
                 "specialists":[{"pattern":"comprar","connection":"con_SALES"}]}""");
        RulesAgentConfig config = RulesAgentConfig.from(ctx.config(), ctx.connectionId());
        assertThat(config.rules()).extracting(Rule::name).containsExactly("rules[0]", "rules[1]");
        assertThat(config.greetingThenRules()).isFalse();
        assertThat(config.handoff().reply()).isNull();
        assertThat(config.specialists()).singleElement()
                .satisfies(s -> assertThat(s.intent()).as("the intent defaults to the connection").isEqualTo(
                        "con_SALES"));
        assertThat(config.toString()).contains("rules=2", "con_SALES->con_SALES").doesNotContain("olá");
    }

    @Test
    void a_runaway_pattern_gives_up_instead_of_holding_the_thread() {
        RulePattern p = RulePattern.compile("rules[0].pattern", "(.*?,){11}P");
        assertThatThrownBy(() -> p.find("a,".repeat(40)))
                .isInstanceOf(RulePattern.GaveUp.class)
                .hasMessageStartingWith("rules[0].pattern gave up on this message");
        assertThat(p.find("a,".repeat(11) + "P")).isPresent();
    }
}
