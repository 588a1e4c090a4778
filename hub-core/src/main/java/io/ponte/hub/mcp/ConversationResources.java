package io.ponte.hub.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.ponte.hub.conversations.ConversationService;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.security.Principal;
import io.ponte.hub.storage.ConversationMessageRow;
import io.ponte.hub.storage.ConversationRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The conversations of the caller's tenant as resources: {@code ponte://conversations/{id}} (a resource template;
 * the list shows the {@value #LISTED} most recent), each read as JSON: the conversation (as {@code GET
 * /api/v1/conversations/{id}} shows it) and its {@value #HISTORY} latest messages, oldest first. A conversation of
 * another tenant is "not found", exactly as a missing one.
 */
public final class ConversationResources {

    static final String PREFIX = "ponte://conversations/";
    static final String TEMPLATE = PREFIX + "{id}";
    static final int LISTED = 50;
    static final int HISTORY = 50;
    private static final String JSON = "application/json";

    private final ConversationService conversations;
    private final Function<ConversationRow, Object> conversationView;
    private final Function<ConversationMessageRow, Object> messageView;

    /** @param conversationView how the admin API shows a conversation; {@code messageView}: one of its messages */
    public ConversationResources(ConversationService conversations, Function<ConversationRow, Object> conversationView,
                                 Function<ConversationMessageRow, Object> messageView) {
        this.conversations = conversations;
        this.conversationView = conversationView;
        this.messageView = messageView;
    }

    public McpSchema.ListResourcesResult list(Principal who) {
        List<McpSchema.Resource> resources = conversations.list(who.tenant(), null, null, null, null, null, LISTED)
                .items().stream().map(c -> McpSchema.Resource.builder()
                        .uri(PREFIX + c.id())
                        .name(c.contactName() != null ? c.contactName() : c.address())
                        .title("Conversation with " + (c.contactName() != null ? c.contactName() + " (" + c.address()
                                + ")" : c.address()))
                        .description(c.state() + " conversation on connection " + c.connectionId() + ", "
                                + c.messageCount() + " messages")
                        .mimeType(JSON).build())
                .toList();
        return new McpSchema.ListResourcesResult(resources, null);
    }

    public McpSchema.ListResourceTemplatesResult templates() {
        return new McpSchema.ListResourceTemplatesResult(List.of(McpSchema.ResourceTemplate.builder()
                .uriTemplate(TEMPLATE).name("conversation").title("A conversation")
                .description("A conversation of the tenant (contact, channel connection, state: open, bot, human or "
                        + "closed) with its " + HISTORY + " latest messages, as JSON")
                .mimeType(JSON).build()), null);
    }

    public McpSchema.ReadResourceResult read(Principal who, String uri) {
        String id = uri != null && uri.startsWith(PREFIX) ? uri.substring(PREFIX.length()) : null;
        if (id == null || id.isEmpty() || id.contains("/")) {
            throw McpError.RESOURCE_NOT_FOUND.apply(uri);
        }
        ConversationRow c;
        try {
            c = conversations.get(id);
        } catch (NotFoundException e) {
            throw McpError.RESOURCE_NOT_FOUND.apply(uri);
        }
        if (!who.sees(c.tenantId())) {
            throw McpError.RESOURCE_NOT_FOUND.apply(uri);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversation", conversationView.apply(c));
        body.put("messages", conversations.recent(c.id(), HISTORY).stream().map(messageView).toList());
        try {
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(uri, JSON,
                    io.ponte.hub.json.HubJson.mapper().writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
