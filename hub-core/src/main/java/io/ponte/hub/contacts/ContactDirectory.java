package io.ponte.hub.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.ContactHints;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.hub.storage.ContactStore;
import io.ponte.hub.storage.StorableText;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact of each conversation, for the pipeline: ingress asks for the contact of every envelope it routes (so
 * routes and templates can read {@code contact.id} and {@code contact.crm.<connector type>}), the dispatcher tells
 * it the CRM ids {@code contact.upsert} deliveries learned.
 *
 * <p>Ingress is the hot path, so the answer comes from memory: a conversation's contact is read (or created) once,
 * when this node first sees the conversation, and again only when its entry is older than {@link #TTL} (so a merge
 * made on another node shows within that time) or the envelope names a phone or e-mail the contact lacks. A hit
 * costs one map look-up; a miss one short transaction (2 statements for a known contact, up to 5 for a new one).
 * Thread-safe.
 */
public final class ContactDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ContactDirectory.class);
    static final long TTL = 60_000;
    private static final int MAX_CACHED = 200_000;
    private static final int MAX_NAME = 300;

    /** A contact as the pipeline sees it: its identities, and the view routes get. */
    record Card(String id, List<String> identities, Map<String, Object> view, long loadedAt) {
    }

    private final ContactStore store;
    private final Function<String, Optional<String>> connectorTypeOf;
    private final Predicate<String> crm;
    private final Clock clock;
    private final Map<String, Card> cache = new ConcurrentHashMap<>();

    /**
     * @param connectorTypeOf the connector type of a connection id, empty when there is none
     * @param crm             whether a connector type is a CRM (its ids show under {@code contact.crm})
     */
    public ContactDirectory(ContactStore store, Function<String, Optional<String>> connectorTypeOf,
                            Predicate<String> crm, Clock clock) {
        this.store = store;
        this.connectorTypeOf = connectorTypeOf;
        this.crm = crm;
        this.clock = clock;
    }

    /**
     * The contact of an envelope's conversation as routes see it, created on the conversation's first envelope;
     * an empty map when the envelope belongs to no conversation. Never throws: without its contact an envelope is
     * still routed (the failure is logged).
     */
    public Map<String, Object> contactOf(Envelope e) {
        ConversationKey key = e.conversation();
        if (key == null) {
            return Map.of();
        }
        Optional<String> type = connectorTypeOf.apply(key.connectionId());
        if (type.isEmpty()) {
            return Map.of();
        }
        String primary = Identities.of(type.get(), key.address());
        List<String> hints = new ArrayList<>(2);
        if (key.connectionId().equals(e.source())) {
            // only the channel itself vouches for who is writing on it
            add(hints, Identities.phone(e.attributes().get(ContactHints.PHONE)));
            add(hints, Identities.email(e.attributes().get(ContactHints.EMAIL)));
        }
        String cacheKey = e.tenant() + "|" + primary;
        Card card = cache.get(cacheKey);
        long now = clock.millis();
        if (card != null && now - card.loadedAt() < TTL && card.identities().containsAll(hints)) {
            return card.view();
        }
        try {
            return resolve(e.tenant(), primary, hints, name(e), now).view();
        } catch (RuntimeException ex) {
            LOG.warn("the contact of conversation {} could not be read: {}", key, ex.toString());
            return Map.of();
        }
    }

    /**
     * What a delivered {@code contact.upsert} taught: the CRM's id for the person, and the phone and e-mail it was
     * given. They join the contact of the conversation the delivery came from (or, without one, the contact that
     * already holds them), merging contacts that turn out to be one person.
     *
     * @param tenant       the delivery's tenant
     * @param conversation the conversation of the event that caused the delivery, or null
     * @param crmType      the connector type of the CRM connection
     * @param crmId        the id the CRM answered
     * @param input        the action's input ({@code name}, {@code email}, {@code phone})
     */
    public void learn(String tenant, ConversationKey conversation, String crmType, String crmId, JsonNode input) {
        List<String> hints = new ArrayList<>(3);
        add(hints, Identities.of(crmType, crmId));
        add(hints, Identities.phone(text(input, "phone")));
        add(hints, Identities.email(text(input, "email")));
        String primary = conversation == null ? null
                : connectorTypeOf.apply(conversation.connectionId()).map(t -> Identities.of(t, conversation.address()))
                .orElse(null);
        resolve(tenant, primary, hints, StorableText.of(text(input, "name"), MAX_NAME), clock.millis());
    }

    private Card resolve(String tenant, String primary, List<String> hints, String name, long now) {
        ContactStore.Resolved r = store.resolve(tenant, primary, hints, name, now);
        r.merged().values().forEach(ids -> forget(tenant, ids));
        Card card = card(r.contact(), now);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        for (String identity : card.identities()) {
            cache.put(tenant + "|" + identity, card);
        }
        return card;
    }

    /** Whether a connector type is a CRM's. */
    boolean isCrm(String connectorType) {
        return crm.test(connectorType);
    }

    /** Drops what this node remembers of these identities (after a merge, split, change or erasure). */
    public void forget(String tenant, Collection<String> identities) {
        identities.forEach(i -> cache.remove(tenant + "|" + i));
    }

    /** The view routes get: {@code id}, {@code name}, {@code phone}, {@code email}, {@code crm.<type>}. */
    Card card(ContactStore.Contact c, long now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", c.row().id());
        if (c.row().name() != null) {
            view.put("name", c.row().name());
        }
        Map<String, Object> crmIds = new LinkedHashMap<>();
        for (String identity : c.identities()) {
            String kind = Identities.kind(identity);
            if (kind.equals(Identities.PHONE) || kind.equals(Identities.EMAIL)) {
                view.putIfAbsent(kind, Identities.value(identity));
            } else if (crm.test(kind)) {
                crmIds.putIfAbsent(kind, Identities.value(identity));
            }
        }
        view.put("crm", Map.copyOf(crmIds));
        return new Card(c.row().id(), List.copyOf(c.identities()), java.util.Collections.unmodifiableMap(view), now);
    }

    private static String name(Envelope e) {
        return EnvelopeTypes.MESSAGE_INBOUND.equals(e.type()) && e.payload() instanceof ChatMessage chat
                && chat.from() != null ? StorableText.of(chat.from().name(), MAX_NAME) : null;
    }

    private static void add(List<String> list, String value) {
        if (value != null) {
            list.add(value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() && !v.textValue().isBlank() ? v.textValue() : null;
    }
}
