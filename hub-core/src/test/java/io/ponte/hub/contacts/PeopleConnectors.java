package io.ponte.hub.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.ContactHints;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.hub.json.HubJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test connectors: channels that vouch for their senders' phones, and a CRM that upserts people by phone. */
final class PeopleConnectors {

    private PeopleConnectors() {
    }

    /**
     * A channel of connector type {@code type}: the webhook takes {@code {"id","from","name","text","phone"}} and
     * says {@code phone} is the sender's own ({@link ContactHints#PHONE}).
     */
    static ConnectorFactory channel(String type) {
        return new ConnectorFactory() {
            @Override
            public ConnectorDescriptor descriptor() {
                return new ConnectorDescriptor(type, Category.CHANNEL, type, "a test channel", ConfigSpec.of(),
                        List.of(EnvelopeTypes.MESSAGE_INBOUND), List.of(new ActionSpec("message.send", "sends", null)));
            }

            @Override
            public Connector open(ConnectorContext context) {
                return new Connector() {
                    @Override
                    public Optional<io.ponte.api.webhook.WebhookReceiver> webhook() {
                        return Optional.of(request -> {
                            JsonNode m;
                            try {
                                m = HubJson.mapper().readTree(request.body());
                            } catch (IOException e) {
                                throw WebhookRejectedException.badRequest("not JSON");
                            }
                            return WebhookResult.accepted(List.of(EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_INBOUND,
                                            ChatMessage.inbound(new Party(m.path("from").asText(),
                                                    m.path("name").asText(null)), new Content.Text(m.path("text").asText())))
                                    .externalId(m.path("id").asText()).conversationAddress(m.path("from").asText())
                                    .attribute(ContactHints.PHONE, m.path("phone").asText(null)).build()));
                        });
                    }

                    @Override
                    public ActionResult invoke(ActionRequest request) {
                        return ActionResult.delivered("sent-" + request.idempotencyKey());
                    }
                };
            }
        };
    }

    /** A CRM: {@code contact.upsert} finds by phone or creates ({@code {"id"}}), {@code note.create} records. */
    static final class Crm implements ConnectorFactory {
        final Map<String, String> people = new ConcurrentHashMap<>();
        final List<JsonNode> upserts = new CopyOnWriteArrayList<>();
        final List<JsonNode> notes = new CopyOnWriteArrayList<>();

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("minicrm", Category.CRM, "Mini CRM", "a test CRM", ConfigSpec.of(),
                    List.of(), List.of(new ActionSpec("contact.upsert", "upserts", null),
                    new ActionSpec("note.create", "notes", null)));
        }

        @Override
        public Connector open(ConnectorContext context) {
            return new Connector() {
                @Override
                public ActionResult invoke(ActionRequest request) {
                    if (request.action().equals("note.create")) {
                        notes.add(request.input());
                        return ActionResult.delivered("note-" + notes.size());
                    }
                    upserts.add(request.input());
                    String id = people.computeIfAbsent(request.input().path("phone").asText(),
                            p -> "crm-" + (people.size() + 1));
                    ObjectNode out = HubJson.mapper().createObjectNode().put("id", id).put("created", true);
                    return new ActionResult.Delivered(id, out);
                }
            };
        }
    }
}
