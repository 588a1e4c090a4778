package io.ponte.hub.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.contacts.ContactService;
import io.ponte.hub.json.HubJson;
import io.ponte.hub.security.AuditLog;
import io.ponte.hub.security.Principal;
import io.ponte.hub.storage.ContactStore;
import io.ponte.hub.storage.ContactStore.Contact;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/contacts}: one person across channels and CRMs, their merge and split, and the data-subject
 * requests: export (write or admin keys only, and audited: it is one person's data in bulk, not something a
 * read-only dashboard key needs) and erasure.
 */
final class ContactsController {

    private final ContactService contacts;
    private final AuditLog audit;

    ContactsController(ContactService contacts, AuditLog audit) {
        this.contacts = contacts;
        this.audit = audit;
    }

    /** A contact as the API shows it; {@code conversations} only on the single-contact read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContactView(String id, String tenant, String name, List<String> identities, Instant createdAt,
                       Instant updatedAt, List<ConversationsController.ConversationView> conversations) {
        static ContactView of(Contact c, List<ConversationsController.ConversationView> conversations) {
            return new ContactView(c.row().id(), c.row().tenantId(), c.row().name(), c.identities(),
                    Instant.ofEpochMilli(c.row().createdAt()), Instant.ofEpochMilli(c.row().updatedAt()),
                    conversations);
        }
    }

    /** {@code PATCH}: every field optional. */
    record Change(String name, List<String> addIdentities, List<String> removeIdentities) {
    }

    record Merge(String from) {
    }

    record Split(List<String> identities) {
    }

    record ConversationExport(ConversationsController.ConversationView conversation,
                              List<ConversationsController.MessageView> messages) {
    }

    record Export(Instant exportedAt, ContactView contact, List<ConversationExport> conversations,
                  List<EventView> events) {
    }

    record Erasure(String id, boolean erased, int identities, int conversations, int messages, int events,
                   int deliveries) {
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/contacts", this::list);
        config.routes.get("/api/v1/contacts/{id}", ctx -> {
            Contact c = find(ctx, ctx.pathParam("id"));
            ctx.json(ContactView.of(c, conversations(c)));
        });
        config.routes.patch("/api/v1/contacts/{id}", this::change);
        config.routes.delete("/api/v1/contacts/{id}", this::erase);
        config.routes.post("/api/v1/contacts/{id}/merge", this::merge);
        config.routes.post("/api/v1/contacts/{id}/split", this::split);
        config.routes.get("/api/v1/contacts/{id}/export", this::export);
    }

    private void list(Context ctx) {
        Page<Contact> page = contacts.list(Access.tenantFilter(ctx), ctx.queryParam("q"), ctx.queryParam("cursor"),
                Requests.limit(ctx));
        ctx.json(new ListResponse<>(page.items().stream().map(c -> ContactView.of(c, null)).toList(),
                page.nextCursor()));
    }

    private void change(Context ctx) {
        Contact c = find(ctx, ctx.pathParam("id"));
        Change change = Requests.body(ctx, Change.class);
        Contact changed = contacts.change(c, change.name(), change.addIdentities(), change.removeIdentities());
        ctx.json(ContactView.of(changed, conversations(changed)));
    }

    private void merge(Context ctx) {
        Contact into = find(ctx, ctx.pathParam("id"));
        Merge merge = Requests.body(ctx, Merge.class);
        if (merge.from() == null || merge.from().isBlank()) {
            throw new io.ponte.hub.errors.ValidationException("from", "is required: the id of the contact to merge "
                    + "into this one");
        }
        Contact from = find(ctx, merge.from());
        Contact merged = contacts.merge(into, from);
        Principal who = Access.of(ctx);
        // the request's own entry names the surviving contact; this one the contact that is gone
        audit.record(who.keyId(), who.tenant(), "POST /api/v1/contacts/{id}/merge (merged into " + into.row().id()
                + ")", from.row().id(), 200);
        ctx.json(ContactView.of(merged, conversations(merged)));
    }

    private void split(Context ctx) {
        Contact c = find(ctx, ctx.pathParam("id"));
        Split split = Requests.body(ctx, Split.class);
        Contact created = contacts.split(c, split.identities());
        ctx.status(201).json(ContactView.of(created, conversations(created)));
    }

    private void export(Context ctx) {
        Principal who = Access.of(ctx);
        if (!who.write()) {
            throw new ForbiddenException("exporting a contact's data needs a write or admin key: it is one person's "
                    + "data in bulk");
        }
        Contact c = find(ctx, ctx.pathParam("id"));
        ContactService.Export export = contacts.export(c);
        Map<String, List<DeliveryRow>> byEvent = export.deliveries().stream()
                .collect(Collectors.groupingBy(DeliveryRow::eventId));
        List<EventView> events = export.events().stream().map(e -> EventView.of(e, json(e.body()),
                byEvent.getOrDefault(e.id(), List.of()).stream().map(d -> DeliveryView.of(d, json(d.input())))
                        .toList())).toList();
        List<ConversationExport> conversations = export.conversations().stream().map(x -> new ConversationExport(
                ConversationsController.ConversationView.of(x.conversation()),
                x.messages().stream().map(ConversationsController.MessageView::of).toList())).toList();
        audit.record(who.keyId(), who.tenant(), "GET /api/v1/contacts/{id}/export", c.row().id(), 200);
        ctx.header("Content-Disposition", "attachment; filename=\"contact-" + c.row().id() + ".json\"");
        ctx.json(new Export(export.exportedAt(), ContactView.of(c, null), conversations, events));
    }

    private void erase(Context ctx) {
        Contact c = find(ctx, ctx.pathParam("id"));
        ContactStore.Erased e = contacts.erase(c);
        ctx.json(new Erasure(c.row().id(), true, e.identities(), e.conversations(), e.messages(), e.events(),
                e.deliveries()));
    }

    private List<ConversationsController.ConversationView> conversations(Contact c) {
        return contacts.conversations(c).stream().map(ConversationsController.ConversationView::of).toList();
    }

    private Contact find(Context ctx, String id) {
        Contact c = contacts.get(id);
        Access.visible(ctx, c.row().tenantId(), "contact", id);
        return c;
    }

    private static JsonNode json(String text) {
        try {
            return HubJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return HubJson.mapper().getNodeFactory().textNode(text);
        }
    }
}
