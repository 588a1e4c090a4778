package io.ponte.plugins.openai;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIServiceException;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One agent connection: the {@code agent.reply} action over one {@link OpenAIClient} (built for this connection,
 * closed with it) and a health check that looks the configured model up. Thread-safe; replies of different
 * conversations run concurrently, the hub serialises those of one conversation.
 */
public final class OpenAiAgentConnector implements Connector {

    private final OpenAiAgentConfig config;
    private final String connectionId;
    private final OpenAIClient client;
    private final AgentReply reply;
    private final AtomicBoolean closed = new AtomicBoolean();

    OpenAiAgentConnector(OpenAiAgentConfig config, ConnectorContext context, OpenAIClient client,
                         ModelCaller.Sleeper sleeper) {
        this.config = config;
        this.connectionId = context.connectionId();
        this.client = client;
        ModelCaller caller = new ModelCaller(client, config, sleeper, context.clock(), context::reportHealth);
        this.reply = new AgentReply(config, context, caller);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        if (!AgentReply.ACTION.equals(request.action())) {
            return ActionResult.failed("the openai-agent connector offers no action " + request.action()
                    + "; it offers " + AgentReply.ACTION);
        }
        return reply.reply(request);
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
