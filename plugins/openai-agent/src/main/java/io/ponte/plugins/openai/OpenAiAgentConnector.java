package io.ponte.plugins.openai;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.kit.ActionTable;
import io.ponte.kit.agent.AgentProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One agent connection: the {@code agent.reply} action (the kit's {@link AgentProtocol} around {@link AgentReply})
 * over its chain of {@link ChatProvider}s (built for this connection, closed with it) and a health check that looks
 * each provider's first model up. Thread-safe; replies of different conversations run concurrently, the hub
 * serialises those of one conversation.
 */
public final class OpenAiAgentConnector implements Connector {

    private final OpenAiAgentConfig config;
    private final String connectionId;
    private final List<ChatProvider> providers;
    private final ActionTable actions;
    private final AtomicBoolean closed = new AtomicBoolean();

    OpenAiAgentConnector(OpenAiAgentConfig config, ConnectorContext context, List<ChatProvider> providers,
                         ModelCaller.Sleeper sleeper) {
        this.config = config;
        this.connectionId = context.connectionId();
        this.providers = List.copyOf(providers);
        ModelCaller caller = new ModelCaller(config.providers(), providers, config.maxRetries(), sleeper,
                context.clock(), context.metrics(), context::reportHealth);
        this.actions = new AgentProtocol(context, new AgentReply(config, context, caller)).actions();
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return actions.invoke(request);
    }

    /**
     * Looks each provider's first model up ({@code GET .../models/{model}}): proves the keys and the base URLs. UP
     * when any provider answers (the agent still replies through it); the detail names every provider's state.
     */
    @Override
    public Health health() {
        List<String> details = new ArrayList<>();
        boolean anyUp = false;
        for (int i = 0; i < providers.size(); i++) {
            ChatProvider p = providers.get(i);
            String model = config.providers().get(i).models().get(0);
            try {
                p.lookUp(model);
                details.add("model " + model + " is available at " + p.host());
                anyUp = true;
            } catch (ProviderFailure f) {
                details.add(p.kind() + ": " + (f.status() == 401 ? "the provider refused the API key (401)"
                        : f.status() == 0 ? "cannot reach " + p.host() + ": " + f.reason()
                        : "model lookup answered HTTP " + f.status()));
            }
        }
        String detail = String.join("; ", details);
        return anyUp ? Health.up(detail) : Health.down(detail);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            providers.forEach(ChatProvider::close);
        }
    }

    @Override
    public String toString() {
        return "OpenAiAgentConnector[" + connectionId + ", " + config.providers().stream()
                .map(p -> p.kind().id() + " " + p.models().get(0)).toList() + "]";
    }
}
