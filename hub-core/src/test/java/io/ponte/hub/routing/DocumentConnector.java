package io.ponte.hub.routing;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookResult;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A test source of arbitrary JSON: each webhook body (an object with an {@code id}) becomes one
 * {@code document.received} envelope whose payload data is the body, so routes can be tried on data of any shape and
 * size. Action {@code document.store} accepts every input (the admin API shows what it was given).
 */
final class DocumentConnector implements ConnectorFactory {

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("document", Category.GENERIC, "Document", "arbitrary JSON documents",
                ConfigSpec.of(), List.of("document.received"),
                List.of(new ActionSpec("document.store", "accepts any input", null)));
    }

    @Override
    public Connector open(ConnectorContext context) {
        return new Connector() {
            @Override
            public Optional<WebhookReceiver> webhook() {
                return Optional.of(request -> {
                    JsonNode body;
                    try {
                        body = HubJson.mapper().readTree(request.body());
                    } catch (IOException e) {
                        throw WebhookRejectedException.badRequest("not JSON");
                    }
                    if (body == null || !body.isObject() || !body.path("id").isTextual()) {
                        throw WebhookRejectedException.badRequest("send an object with an id");
                    }
                    return WebhookResult.accepted(List.of(EnvelopeDraft.builder("document.received",
                            new GenericPayload(body)).externalId(body.get("id").asText()).build()));
                });
            }

            @Override
            public ActionResult invoke(ActionRequest request) {
                return ActionResult.delivered("stored");
            }
        };
    }
}
