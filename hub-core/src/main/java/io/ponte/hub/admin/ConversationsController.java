package io.ponte.hub.admin;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.conversations.ConversationService;
import io.ponte.hub.ingress.OutboundMessages;
import io.ponte.hub.storage.ConversationMessageRow;
import io.ponte.hub.storage.ConversationRow;
import io.ponte.hub.storage.Page;
import java.time.Instant;

/** {@code /api/v1/conversations}: each contact's thread on each channel, its history and its state. */
final class ConversationsController {

    private final ConversationService conversations;
    private final OutboundMessages outbound;

    ConversationsController(ConversationService conversations, OutboundMessages outbound) {
        this.conversations = conversations;
        this.outbound = outbound;
    }

    /** {@code POST /api/v1/messages}: send through a channel connection to an address. */
    record SendRequest(String connection, String to, String text, JsonNode content, String replyTo) {
    }

    /** A conversation as the admin API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConversationView(String id, String key, String connection, String address, String contactName,
                            String state, int messageCount, Instant lastMessageAt, Instant createdAt,
                            Instant updatedAt) {
        static ConversationView of(ConversationRow r) {
            return new ConversationView(r.id(), r.conversationKey(), r.connectionId(), r.address(), r.contactName(),
                    r.state(), r.messageCount(), Instant.ofEpochMilli(r.lastMessageAt()),
                    Instant.ofEpochMilli(r.createdAt()), Instant.ofEpochMilli(r.updatedAt()));
        }
    }

    /** One message of a conversation's history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageView(String id, String direction, String status, String senderName, JsonNode content,
                       String externalRef, String event, String delivery, String error, Instant at,
                       Instant updatedAt) {
        static MessageView of(ConversationMessageRow r) {
            return new MessageView(r.id(), r.direction(), r.status(), r.senderName(), json(r.content()),
                    r.externalRef(), r.eventId(), r.deliveryId(), r.error(), Instant.ofEpochMilli(r.createdAt()),
                    Instant.ofEpochMilli(r.updatedAt()));
        }
    }

    /** The body of a state change. */
    record StateChange(String state) {
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/conversations", this::list);
        config.routes.get("/api/v1/conversations/{id}", ctx -> ctx.json(ConversationView.of(find(ctx))));
        config.routes.patch("/api/v1/conversations/{id}", this::changeState);
        config.routes.get("/api/v1/conversations/{id}/messages", this::messages);
        config.routes.post("/api/v1/conversations/{id}/messages", this::reply);
        config.routes.post("/api/v1/messages", this::send);
    }

    private void reply(Context ctx) {
        find(ctx);
        OutboundMessages.Body body = Requests.body(ctx, OutboundMessages.Body.class);
        ctx.status(202).json(outbound.toConversation(ctx.pathParam("id"), body, ctx.header("Idempotency-Key")));
    }

    private void send(Context ctx) {
        SendRequest r = Requests.body(ctx, SendRequest.class);
        ctx.status(202).json(outbound.toAddress(r.connection(), r.to(), new OutboundMessages.Body(r.text(),
                r.content(), r.replyTo()), ctx.header("Idempotency-Key"), Access.of(ctx)::sees));
    }

    private void list(Context ctx) {
        Page<ConversationRow> page = conversations.list(Access.tenantFilter(ctx), ctx.queryParam("connection"),
                ctx.queryParam("contact"),
                Requests.oneOf(ctx, "state", ConversationService.STATES), since(ctx), ctx.queryParam("cursor"),
                Requests.limit(ctx));
        ctx.json(new ListResponse<>(page.items().stream().map(ConversationView::of).toList(), page.nextCursor()));
    }

    private void messages(Context ctx) {
        ConversationRow c = find(ctx);
        Page<ConversationMessageRow> page = conversations.messages(c.id(), ctx.queryParam("cursor"),
                Requests.limit(ctx));
        ctx.json(new ListResponse<>(page.items().stream().map(MessageView::of).toList(), page.nextCursor()));
    }

    private void changeState(Context ctx) {
        ConversationRow c = find(ctx);
        StateChange change = Requests.body(ctx, StateChange.class);
        ctx.json(ConversationView.of(conversations.setState(c.id(), change.state())));
    }

    private ConversationRow find(Context ctx) {
        String id = ctx.pathParam("id");
        ConversationRow c = conversations.get(id);
        Access.visible(ctx, c.tenantId(), "conversation", id);
        return c;
    }

    private static Long since(Context ctx) {
        Instant since = Requests.instant(ctx, "updatedSince");
        return since == null ? null : since.toEpochMilli();
    }

    private static JsonNode json(String text) {
        try {
            return HubJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return HubJson.mapper().getNodeFactory().textNode(text);
        }
    }
}
