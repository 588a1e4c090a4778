package io.ponte.plugins.openai;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIServiceException;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.kit.ActionTable;
import io.ponte.kit.agent.AgentProtocol;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One agent connection: the {@code agent.reply} action (the kit's {@link AgentProtocol} around {@link AgentReply})
 * over one {@link OpenAIClient} (built for this connection, closed with it) and a health check that looks the
 * configured model up. Thread-safe; replies of different conversations run concurrently, the hub serialises those
 * of one conversation.
 */
public final class OpenAiAgentConnector implements Connector {

    private final OpenAiAgentConfig config;
    private final String connectionId;
    private final OpenAIClient client;
    private final ActionTable actions;
    private final AtomicBoolean closed = new AtomicBoolean();

    OpenAiAgentConnector(OpenAiAgentConfig config, ConnectorContext context, OpenAIClient client,
                         ModelCaller.Sleeper sleeper) {
        this.config = config;
        this.connectionId = context.connectionId();
        this.client = client;
        ModelCaller caller = new ModelCaller(client, config, sleeper, context.clock(), context::reportHealth);
        this.actions = new AgentProtocol(context, new AgentReply(config, context, caller)).actions();
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return actions.invoke(request);
    }

    /** Looks the configured model up ({@code GET /models/{model}}): proves the key and the base URL. */
    @Override
    public Health health() {
        try {
            client.models().retrieve(config.model());
            return Health.up("model " + config.model() + " is available at " + config.baseUrl().getHost());
        } catch (OpenAIServiceException e) {
            return Health.down(e.statusCode() == 401 ? "the provider refused the API key (401)"
                    : "model lookup answered HTTP " + e.statusCode());
        } catch (RuntimeException e) {
            return Health.down("cannot reach " + config.baseUrl().getHost() + ": " + ModelCaller.transportFailure(e));
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "OpenAiAgentConnector[" + connectionId + ", model " + config.model() + "]";
    }
}
