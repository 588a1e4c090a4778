package io.ponte.plugins.rulesagent;

import io.ponte.api.connector.ConnectorFactory;
import io.ponte.testkit.ConnectorContract;
import io.ponte.testkit.TestActions;

/** The shared connector contract (plugin-testkit), applied to the rules agent with every optional part set. */
class RulesAgentConnectorContractTest extends ConnectorContract {

    @Override
    protected ConnectorFactory factory() {
        return new RulesAgentConnectorFactory();
    }

    @Override
    protected String validConfig() {
        return """
                {"rules":[{"pattern":"\\\\bpre(ç|c)o\\\\b","reply":"Nossos preços: loja.example.com/precos"}],
                 "greeting":"Olá {{contact.name}}!","greetingThenRules":true,"defaultReply":"Não entendi.",
                 "handoff":{"pattern":"atendente|humano","reply":"Vou chamar um atendente."},
                 "specialists":[{"pattern":"comprar","connection":"con_SALES","intent":"sales"}]}""";
    }

    /** The specialist the valid config routes to. */
    @Override
    protected void otherConnections(TestActions actions) {
        actions.offer("con_SALES", "agent.reply");
    }
}
