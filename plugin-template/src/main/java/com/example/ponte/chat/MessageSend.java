package com.example.ponte.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.SendInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.Properties;

/**
 * {@code message.send}: {@code POST /v1/messages} with {@code {"to","text"}}, the bearer token, and the delivery id
 * as {@code Idempotency-Key} (stable across the hub's retries, so Example Chat sends a retried message once).
 */
final class MessageSend {

    /** {@code ponte-example-chat/<plugin version>}: which build of the plugin sent a request. */
    static final String USER_AGENT = "ponte-example-chat/" + version();

    private final ExampleChatConfig config;
    private final Provider api;

    MessageSend(ExampleChatConfig config, Provider api) {
        this.config = config;
        this.api = api;
    }

    ActionResult send(ActionRequest request) {
        SendInput input = SendInput.parse(request.input());
        if (input.text() == null) {
            throw ActionFailure.failed("Example Chat sends text only, not "
                    + input.content().getClass().getSimpleName());
        }
        ObjectNode body = PluginJson.mapper().createObjectNode().put("to", input.to()).put("text", input.text());
        HttpRequest post = api.request(config.baseUrl().resolve("/v1/messages"))
                .header("Authorization", "Bearer " + config.apiToken())
                .header("Idempotency-Key", request.idempotencyKey())
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(PluginJson.bytes(body)))
                .build();
        return api.call(post, answer -> {
            JsonNode id = answer.json() == null ? null : answer.json().get("id");
            return ActionResult.delivered(id == null ? null : id.asText());
        });
    }

    private static String version() {
        Properties p = new Properties();
        try (InputStream in = MessageSend.class.getResourceAsStream("plugin-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }
}
