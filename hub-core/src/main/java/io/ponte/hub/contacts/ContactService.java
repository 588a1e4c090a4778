package io.ponte.hub.contacts;

import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.errors.ValidationException.FieldError;
import io.ponte.hub.storage.ContactStore;
import io.ponte.hub.storage.ContactStore.Contact;
import io.ponte.hub.storage.ConversationMessageRow;
import io.ponte.hub.storage.ConversationRow;
import io.ponte.hub.storage.ConversationStore;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.storage.Page;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Contacts as admins read and change them: one person across channels and CRMs, merged and split by hand when the
 * hub's own merging (same phone, e-mail or CRM id) got it wrong, and the data-subject requests (export, erasure).
 * Callers check the tenant of every contact they name first.
 */
public final class ContactService {

    /** The most messages an export holds per conversation (the history an admin can page through is complete). */
    static final int EXPORT_MESSAGES = 10_000;

    private final ContactStore contacts;
    private final ConversationStore conversations;
    private final ContactDirectory directory;
    private final Clock clock;

    public ContactService(ContactStore contacts, ConversationStore conversations, ContactDirectory directory,
                          Clock clock) {
        this.contacts = contacts;
        this.conversations = conversations;
        this.directory = directory;
        this.clock = clock;
    }

    /** Newest first; {@code q} finds a part of the name or of an identity, case-insensitively. */
    public Page<Contact> list(String tenant, String q, String cursor, int limit) {
        String query = q == null || q.isBlank() ? null : q.strip().toLowerCase(java.util.Locale.ROOT);
        if (query != null && query.length() > 200) {
            throw new ValidationException("q", "is longer than 200 characters");
        }
        return contacts.list(tenant, query, cursor, limit);
    }

    /** @throws NotFoundException when there is no such contact */
    public Contact get(String id) {
        return contacts.get(id).orElseThrow(() -> new NotFoundException("contact", id));
    }

    /** The contact's conversations, oldest first. */
    public List<ConversationRow> conversations(Contact c) {
        return contacts.conversations(c.row().tenantId(), c.identities());
    }

    /**
     * Renames a contact and adds and removes identities, all or nothing.
     *
     * @param name   the new name, or null to keep it
     * @param add    identities to add (normalized first: a phone to E.164, an e-mail to lower case)
     * @param remove identities to remove (the contact's own)
     * @throws ConflictException when another contact holds an identity to add (merge the two instead)
     */
    public Contact change(Contact c, String name, List<String> add, List<String> remove) {
        List<FieldError> errors = new ArrayList<>();
        if (name != null && (name.isBlank() || name.length() > 300)) {
            errors.add(new FieldError("name", "must be 1 to 300 characters"));
        }
        List<String> adding = parse(errors, "addIdentities", add);
        List<String> removing = parse(errors, "removeIdentities", remove);
        for (int i = 0; i < removing.size(); i++) {
            if (!c.identities().contains(removing.get(i))) {
                errors.add(new FieldError("removeIdentities[" + i + "]", "is not an identity of this contact"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String tenant = c.row().tenantId();
        Map<String, String> taken = contacts.changeIdentities(tenant, c.row().id(), adding, removing, clock.millis());
        if (!taken.isEmpty()) {
            Map.Entry<String, String> first = taken.entrySet().iterator().next();
            throw new ConflictException("identity " + first.getKey() + " belongs to contact " + first.getValue()
                    + "; merge the two contacts instead (POST /api/v1/contacts/" + c.row().id() + "/merge)");
        }
        if (name != null) {
            contacts.rename(c.row().id(), name.strip(), clock.millis());
        }
        directory.forget(tenant, c.identities());
        directory.forget(tenant, adding);
        return get(c.row().id());
    }

    /** Moves every identity (so every conversation) of {@code from} to {@code into}; {@code from} is gone after. */
    public Contact merge(Contact into, Contact from) {
        if (into.row().id().equals(from.row().id())) {
            throw new ValidationException("from", "is this contact itself");
        }
        contacts.merge(into.row().id(), from.row().id(), clock.millis());
        directory.forget(into.row().tenantId(), from.identities());
        directory.forget(into.row().tenantId(), into.identities());
        return get(into.row().id());
    }

    /** A new contact holding these identities of {@code c} (and so their conversations). */
    public Contact split(Contact c, List<String> identities) {
        List<FieldError> errors = new ArrayList<>();
        if (identities == null || identities.isEmpty()) {
            throw new ValidationException("identities", "must name at least one identity of this contact");
        }
        List<String> moving = parse(errors, "identities", identities);
        for (int i = 0; i < moving.size(); i++) {
            if (!c.identities().contains(moving.get(i))) {
                errors.add(new FieldError("identities[" + i + "]", "is not an identity of this contact"));
            }
        }
        if (errors.isEmpty() && new LinkedHashSet<>(moving).containsAll(c.identities())) {
            errors.add(new FieldError("identities", "names every identity of this contact; leave at least one"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String id = contacts.split(c.row().tenantId(), c.row().id(), moving, clock.millis());
        directory.forget(c.row().tenantId(), c.identities());
        return get(id);
    }

    /** Everything the hub keeps about one person. */
    public record Export(java.time.Instant exportedAt, Contact contact, List<ConversationExport> conversations,
                         List<EventRow> events, List<DeliveryRow> deliveries) {
    }

    /** A conversation with its history (at most {@value #EXPORT_MESSAGES} messages, oldest first). */
    public record ConversationExport(ConversationRow conversation, List<ConversationMessageRow> messages) {
    }

    public Export export(Contact c) {
        List<ConversationRow> convs = conversations(c);
        List<ConversationExport> out = new ArrayList<>(convs.size());
        for (ConversationRow conv : convs) {
            out.add(new ConversationExport(conv, conversations.messages(conv.id(), null, EXPORT_MESSAGES).items()));
        }
        List<EventRow> events = contacts.events(c.row().tenantId(), convs);
        return new Export(clock.instant(), c, out, events, contacts.deliveries(events.stream().map(EventRow::id).toList()));
    }

    /**
     * Erases a contact and everything about it: identities, conversations with their history, the events about
     * them with their deliveries (unstarted ones are cancelled).
     *
     * @throws ConflictException while a delivery about the person is being sent: in flight, taken by this node's lane
     *                           for its conversation, or queued behind one another node is sending (nothing is
     *                           erased then)
     */
    public ContactStore.Erased erase(Contact c) {
        List<ConversationRow> convs = conversations(c);
        List<EventRow> events = contacts.events(c.row().tenantId(), convs);
        List<String> eventIds = events.stream().map(EventRow::id).toList();
        ContactStore.Erased erased;
        try {
            erased = contacts.erase(c.row().id(), convs, eventIds, clock.millis());
        } catch (ContactStore.BusyException e) {
            throw new ConflictException(e.getMessage());
        }
        conversations.forget(convs.stream().map(ConversationRow::id).toList());
        directory.forget(c.row().tenantId(), c.identities());
        return erased;
    }

    private static List<String> parse(List<FieldError> errors, String field, List<String> written) {
        List<String> out = new ArrayList<>();
        if (written == null) {
            return out;
        }
        for (int i = 0; i < written.size(); i++) {
            try {
                out.add(Identities.parse(written.get(i)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field + "[" + i + "]", e.getMessage()));
            }
        }
        return out;
    }
}
