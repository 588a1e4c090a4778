package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.config.FieldType;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.EnvelopeTypes;
import java.net.http.HttpClient;
import java.util.List;
import org.pf4j.Extension;

/**
 * The {@code openai-agent} connector type: an agent over OpenAI Chat Completions or any OpenAI-compatible server.
 * Stateless; opens one {@link OpenAiAgentConnector} (with its own client) per connection.
 */
@Extension
public final class OpenAiAgentConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "openai-agent";

    private static final ConfigSpec CONFIG = ConfigSpec.of(
            ConfigField.required(OpenAiAgentConfig.API_KEY, FieldType.STRING,
                    "The API key (platform.openai.com > API keys, or your compatible server's key).").asSecret(),
            ConfigField.optional(OpenAiAgentConfig.BASE_URL, FieldType.URL,
                    "The Chat Completions server up to /v1; change it for an OpenAI-compatible server.")
                    .withDefault(TextNode.valueOf(OpenAiAgentConfig.DEFAULT_BASE_URL)),
            ConfigField.optional(OpenAiAgentConfig.MODEL, FieldType.STRING, "The model asked first.")
                    .withDefault(TextNode.valueOf(OpenAiAgentConfig.DEFAULT_MODEL)),
            ConfigField.optional(OpenAiAgentConfig.FALLBACK_MODELS, FieldType.STRING_LIST,
                    "Models asked in this order when the model keeps failing (rate limits, 5xx, timeouts)."),
            ConfigField.optional(OpenAiAgentConfig.SYSTEM_PROMPT, FieldType.STRING,
                    "The system prompt, a Mustache template over conversation.key, contact.name, contact.address, "
                            + "tenant and memory.<fact>.")
                    .withDefault(TextNode.valueOf(OpenAiAgentConfig.DEFAULT_SYSTEM_PROMPT)),
            ConfigField.optional(OpenAiAgentConfig.TEMPERATURE, FieldType.NUMBER,
                    "Sampling temperature, 0 to 2; unset leaves the model's default."),
            ConfigField.optional(OpenAiAgentConfig.MAX_HISTORY_MESSAGES, FieldType.INTEGER,
                    "At most this many conversation messages (the current one included) go to the model, 1 to 200.")
                    .withDefault(IntNode.valueOf(OpenAiAgentConfig.DEFAULT_MAX_HISTORY)),
            ConfigField.optional(OpenAiAgentConfig.MAX_CONTEXT_TOKENS, FieldType.INTEGER,
                    "Token budget of the prompt, estimated at 4 characters a token; the oldest history goes first.")
                    .withDefault(IntNode.valueOf(OpenAiAgentConfig.DEFAULT_MAX_CONTEXT_TOKENS)),
            ConfigField.optional(OpenAiAgentConfig.TIMEOUT_SECONDS, FieldType.INTEGER,
                    "How long one call to the provider may take, in seconds (1 to 300).")
                    .withDefault(IntNode.valueOf(OpenAiAgentConfig.DEFAULT_TIMEOUT_SECONDS)),
            ConfigField.optional(OpenAiAgentConfig.MAX_RETRIES, FieldType.INTEGER,
                    "Retries per model on 429, 5xx and timeouts before the next model (0 to 5).")
                    .withDefault(IntNode.valueOf(OpenAiAgentConfig.DEFAULT_MAX_RETRIES)),
            ConfigField.optional(OpenAiAgentConfig.TOOLS, FieldType.STRING_LIST,
                    "Tools the model may call: <connectionId>/<action> of this tenant's connections, and the "
                            + "built-ins handoff.human and memory.remember."),
            ConfigField.optional(OpenAiAgentConfig.FALLBACK_REPLY, FieldType.STRING,
                    "Sent when every model failed; without it the hub retries the reply later."),
            ConfigField.optional(OpenAiAgentConfig.HANDOFF, FieldType.JSON,
                    "Hand-off to a human: {\"keywords\":[\"atendente\",\"humano\"],\"reply\":\"...\"}."),
            ConfigField.optional(OpenAiAgentConfig.QUALIFICATION, FieldType.JSON,
                    "Lead qualification: {\"fields\":[{\"name\",\"description\",\"weight\",\"required\"}],"
                            + "\"thresholds\":{\"hot\":80,\"warm\":50,\"cold\":20},\"closingMessage\":\"...\"}."),
            ConfigField.optional(OpenAiAgentConfig.SPECIALISTS, FieldType.JSON,
                    "Route to specialist agents: {\"classifier\":\"model\"|\"rules\",\"intents\":[{\"name\","
                            + "\"connection\",\"description\",\"keywords\"}]}."),
            ConfigField.optional(OpenAiAgentConfig.PRICES, FieldType.JSON,
                    "USD per 1M tokens by model, {\"<model>\":{\"input\":..,\"output\":..}}, for agent.cost.usd.")
                    .withDefault(Json.parse(OpenAiAgentConfig.DEFAULT_PRICES)));

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.AGENT,
            "OpenAI agent",
            "Answers conversations with OpenAI Chat Completions (or an OpenAI-compatible server): history-aware "
                    + "replies, other connections' actions as tools, hand-off to humans, lead qualification and "
                    + "routing to specialist agents.",
            CONFIG,
            List.of(EnvelopeTypes.MESSAGE_OUTBOUND, EnvelopeTypes.CONVERSATION_NOTE, EnvelopeTypes.LEAD_QUALIFIED),
            List.of(new ActionSpec(AgentReply.ACTION, "Answers the inbound chat message that caused the delivery "
                    + "(route a message.inbound here; no input needed).",
                    Json.parse("{\"type\":\"object\"}"))));

    /** For PF4J. */
    public OpenAiAgentConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Connector open(ConnectorContext context) {
        OpenAiAgentConfig config = OpenAiAgentConfig.from(context.config());
        return new OpenAiAgentConnector(config, context, client(config, context.httpClient()),
                d -> Thread.sleep(d.toMillis()));
    }

    /**
     * One client per connection, sending through the hub's HTTP client ({@link HubHttpTransport}: the outbound
     * policy, no redirects, a capped answer); the SDK's retries are off because {@link ModelCaller} does them.
     */
    static OpenAIClient client(OpenAiAgentConfig config, HttpClient http) {
        return new OpenAIClientImpl(ClientOptions.builder()
                .httpClient(new HubHttpTransport(http, config.timeout()))
                .apiKey(config.apiKey()).baseUrl(config.baseUrl().toString())
                .timeout(config.timeout()).maxRetries(0).build());
    }
}
