package io.ponte.hub.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Contacts and their identities (see V9__contacts.sql). Every method names the tenant: an identity is unique within
 * its tenant only. Each method is one transaction.
 */
public final class ContactStore {

    private static final int CHUNK = 500;

    private final Jdbi jdbi;
    private final Outbox outbox;

    ContactStore(Jdbi jdbi, Outbox outbox) {
        this.outbox = outbox;
        this.jdbi = jdbi;
    }

    /** One row of {@code contacts}. */
    public record ContactRow(String id, String tenantId, String name, long createdAt, long updatedAt) {
    }

    /** A contact with its identities, oldest first. */
    public record Contact(ContactRow row, List<String> identities) {
    }

    /**
     * What {@link #resolve} found or made.
     *
     * @param contact the contact that now holds every identity asked about
     * @param created whether it was made now
     * @param merged  the contacts merged into it now (they no longer exist), with the identities they had
     */
    public record Resolved(Contact contact, boolean created, Map<String, List<String>> merged) {
    }

    /**
     * The contact of {@code primary} (a channel or CRM identity) and {@code hints} (phone, e-mail): the one holding
     * any of them, the oldest when several do (the others are merged into it: one person), else a new one. Every
     * identity asked about ends up on it.
     *
     * @param name the person's name for a new contact (or one without a name), or null
     */
    public Resolved resolve(String tenant, String primary, Collection<String> hints, String name, long now) {
        for (int attempt = 0; ; attempt++) {
            try {
                return jdbi.inTransaction(h -> resolve(h, tenant, primary, hints, name, now));
            } catch (RuntimeException e) {
                // another node or thread created one of these identities at the same moment: read again
                if (attempt >= 2 || !constraintViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private Resolved resolve(Handle h, String tenant, String primary, Collection<String> hints, String name,
                             long now) {
        Set<String> wanted = new LinkedHashSet<>();
        if (primary != null) {
            wanted.add(primary);
        }
        wanted.addAll(hints);
        Map<String, String> owners = owners(h, tenant, wanted);
        String contact = owners.values().stream().sorted().findFirst().orElse(null);
        boolean created = contact == null;
        if (created) {
            contact = Ids.next("ctc");
            h.createUpdate("INSERT INTO contacts (id, tenant_id, name, created_at, updated_at) "
                            + "VALUES (:id, :t, :name, :now, :now)")
                    .bind("id", contact).bind("t", tenant).bind("name", name).bind("now", now).execute();
        } else if (name != null) {
            h.createUpdate("UPDATE contacts SET name = :name, updated_at = :now WHERE id = :id AND name IS NULL")
                    .bind("id", contact).bind("name", name).bind("now", now).execute();
        }
        Map<String, List<String>> merged = new LinkedHashMap<>();
        for (String other : new LinkedHashSet<>(owners.values())) {
            if (!other.equals(contact)) {
                merged.put(other, identities(h, other));
                merge(h, contact, other, now);
            }
        }
        List<String> fresh = wanted.stream().filter(i -> !owners.containsKey(i)).toList();
        if (!fresh.isEmpty()) {
            PreparedBatch insert = h.prepareBatch("INSERT INTO contact_identities (tenant_id, identity, contact_id, "
                    + "created_at) VALUES (:t, :identity, :contact, :now)");
            for (String i : fresh) {
                insert.bind("t", tenant).bind("identity", i).bind("contact", contact).bind("now", now).add();
            }
            insert.execute();
        }
        return new Resolved(load(h, contact).orElseThrow(), created, merged);
    }

    /** Which contact holds each of these identities (those held by none are absent). */
    private static Map<String, String> owners(Handle h, String tenant, Collection<String> identities) {
        Map<String, String> out = new LinkedHashMap<>();
        if (identities.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT identity, contact_id FROM contact_identities WHERE tenant_id = :t "
                        + "AND identity IN (<ids>)")
                .bind("t", tenant).bindList("ids", List.copyOf(identities))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Which contact holds each of these identities. */
    public Map<String, String> owners(String tenant, Collection<String> identities) {
        return jdbi.withHandle(h -> owners(h, tenant, identities));
    }

    public Optional<Contact> get(String id) {
        return jdbi.withHandle(h -> load(h, id));
    }

    private static Optional<Contact> load(Handle h, String id) {
        return h.createQuery("SELECT * FROM contacts WHERE id = :id").bind("id", id).mapTo(ContactRow.class)
                .findOne().map(row -> new Contact(row, identities(h, id)));
    }

    private static List<String> identities(Handle h, String contact) {
        return h.createQuery("SELECT identity FROM contact_identities WHERE contact_id = :c ORDER BY created_at, "
                + "identity").bind("c", contact).mapTo(String.class).list();
    }

    /**
     * Newest first; {@code q} (lower case) finds a part of the name or of any identity (a phone's digits, an
     * e-mail, a channel address, a CRM id).
     */
    public Page<Contact> list(String tenant, String q, String cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM contacts c WHERE 1 = 1");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (tenant != null) {
            sql.append(" AND c.tenant_id = :t");
            binds.put("t", tenant);
        }
        if (q != null) {
            sql.append(" AND (LOWER(c.name) LIKE :q ESCAPE '!' OR EXISTS (SELECT 1 FROM contact_identities i "
                    + "WHERE i.contact_id = c.id AND LOWER(i.identity) LIKE :q ESCAPE '!'))");
            binds.put("q", "%" + q.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (cursor != null) {
            sql.append(" AND c.id < :cursor");
            binds.put("cursor", cursor);
        }
        sql.append(" ORDER BY c.id DESC LIMIT :limit");
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("limit", limit + 1);
            binds.forEach(query::bind);
            List<ContactRow> rows = query.mapTo(ContactRow.class).list();
            List<Contact> items = new ArrayList<>();
            for (ContactRow r : rows.subList(0, Math.min(limit, rows.size()))) {
                items.add(new Contact(r, identities(h, r.id())));
            }
            return new Page<>(items, rows.size() > limit ? items.get(limit - 1).row().id() : null);
        });
    }

    /** Renames a contact (null clears the name); false when there is none. */
    public boolean rename(String id, String name, long now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE contacts SET name = :name, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("name", name).bind("now", now).execute() == 1);
    }

    /**
     * Adds and removes identities of a contact in one transaction.
     *
     * @return the identities of {@code add} another contact already holds, with that contact (nothing is changed
     *         then)
     */
    public Map<String, String> changeIdentities(String tenant, String id, Collection<String> add,
                                                Collection<String> remove, long now) {
        return jdbi.inTransaction(h -> {
            Map<String, String> taken = new LinkedHashMap<>(owners(h, tenant, add));
            taken.values().removeIf(id::equals);
            if (!taken.isEmpty()) {
                return taken;
            }
            for (String r : remove) {
                h.createUpdate("DELETE FROM contact_identities WHERE tenant_id = :t AND identity = :i AND contact_id = :c")
                        .bind("t", tenant).bind("i", r).bind("c", id).execute();
            }
            Set<String> held = new LinkedHashSet<>(identities(h, id));
            for (String a : add) {
                if (held.add(a)) {
                    h.createUpdate("INSERT INTO contact_identities (tenant_id, identity, contact_id, created_at) "
                            + "VALUES (:t, :i, :c, :now)").bind("t", tenant).bind("i", a).bind("c", id)
                            .bind("now", now).execute();
                }
            }
            h.createUpdate("UPDATE contacts SET updated_at = :now WHERE id = :id").bind("id", id).bind("now", now)
                    .execute();
            return Map.of();
        });
    }

    /** Moves every identity of {@code from} to {@code into} and deletes {@code from}. */
    public void merge(String into, String from, long now) {
        jdbi.useTransaction(h -> merge(h, into, from, now));
    }

    private static void merge(Handle h, String into, String from, long now) {
        h.createUpdate("UPDATE contact_identities SET contact_id = :into WHERE contact_id = :from")
                .bind("into", into).bind("from", from).execute();
        h.createUpdate("UPDATE contacts SET name = COALESCE(name, (SELECT f.name FROM contacts f WHERE f.id = :from)), "
                + "updated_at = :now WHERE id = :into").bind("into", into).bind("from", from).bind("now", now).execute();
        h.createUpdate("DELETE FROM contacts WHERE id = :from").bind("from", from).execute();
    }

    /** A new contact of the tenant holding {@code identities}, taken from {@code from}; its id. */
    public String split(String tenant, String from, Collection<String> identities, long now) {
        return jdbi.inTransaction(h -> {
            String id = Ids.next("ctc");
            h.createUpdate("INSERT INTO contacts (id, tenant_id, name, created_at, updated_at) "
                    + "VALUES (:id, :t, NULL, :now, :now)").bind("id", id).bind("t", tenant).bind("now", now).execute();
            h.createUpdate("UPDATE contact_identities SET contact_id = :id WHERE tenant_id = :t AND contact_id = :from "
                            + "AND identity IN (<ids>)")
                    .bind("id", id).bind("t", tenant).bind("from", from).bindList("ids", List.copyOf(identities))
                    .execute();
            h.createUpdate("UPDATE contacts SET updated_at = :now WHERE id = :from").bind("from", from)
                    .bind("now", now).execute();
            return id;
        });
    }

    /**
     * The conversations of a contact: those whose connection's connector type and address are one of its channel
     * identities ({@code <connector type>:<address>}).
     */
    public List<ConversationRow> conversations(String tenant, Collection<String> identities) {
        List<String> addresses = identities.stream().filter(i -> i.indexOf(':') > 0)
                .map(i -> i.substring(i.indexOf(':') + 1)).distinct().toList();
        if (addresses.isEmpty()) {
            return List.of();
        }
        List<ConversationRow> out = new ArrayList<>();
        for (List<String> chunk : chunks(addresses)) {
            out.addAll(jdbi.withHandle(h -> h.createQuery("""
                            SELECT cv.* FROM conversations cv JOIN connections cn ON cn.id = cv.connection_id
                            WHERE cv.tenant_id = :t AND cv.address IN (<addresses>)
                              AND cn.connector || ':' || cv.address IN (<identities>)
                            ORDER BY cv.id""")
                    .bind("t", tenant).bindList("addresses", chunk).bindList("identities", List.copyOf(identities))
                    .mapTo(ConversationRow.class).list()));
        }
        return out;
    }

    /**
     * The events about these conversations: those in them (their key), those that wrote into their history (a send
     * to the person caused by another event), and every event of the same chains (an agent's lead, a CRM upsert
     * caused by a message). A scan of the events table (no index on these columns, on purpose: the inbox writes it
     * on every commit); data-subject requests are rare.
     */
    public List<EventRow> events(String tenant, List<ConversationRow> conversations) {
        if (conversations.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> {
            Set<String> ids = new LinkedHashSet<>();
            Set<String> chains = new LinkedHashSet<>();
            for (List<String> keys : chunks(conversations.stream().map(ConversationRow::conversationKey).toList())) {
                h.createQuery("SELECT id, correlation_id FROM events WHERE tenant_id = :t AND conversation IN (<keys>)")
                        .bind("t", tenant).bindList("keys", keys)
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                        .forEach(e -> {
                            ids.add(e.getKey());
                            chains.add(e.getValue());
                        });
            }
            for (List<String> convs : chunks(conversations.stream().map(ConversationRow::id).toList())) {
                h.createQuery("SELECT DISTINCT event_id FROM conversation_messages WHERE conversation_id IN (<c>)")
                        .bindList("c", convs).mapTo(String.class).forEach(ids::add);
            }
            for (List<String> chain : chunks(List.copyOf(chains))) {
                h.createQuery("SELECT id FROM events WHERE tenant_id = :t AND correlation_id IN (<chain>)")
                        .bind("t", tenant).bindList("chain", chain).mapTo(String.class).forEach(ids::add);
            }
            List<EventRow> rows = new ArrayList<>();
            for (List<String> chunk : chunks(List.copyOf(ids))) {
                rows.addAll(h.createQuery("SELECT * FROM events WHERE tenant_id = :t AND id IN (<ids>) ORDER BY id")
                        .bind("t", tenant).bindList("ids", chunk).mapTo(EventRow.class).list());
            }
            rows.sort(java.util.Comparator.comparing(EventRow::id));
            return rows;
        });
    }

    /** The deliveries of these events, oldest first. */
    public List<DeliveryRow> deliveries(List<String> eventIds) {
        List<DeliveryRow> out = new ArrayList<>();
        for (List<String> chunk : chunks(eventIds)) {
            out.addAll(jdbi.withHandle(h -> h.createQuery("SELECT * FROM deliveries WHERE event_id IN (<ids>) "
                    + "ORDER BY id").bindList("ids", chunk).mapTo(DeliveryRow.class).list()));
        }
        return out;
    }

    /** What an erasure removed, in counts only (the audit keeps no personal data). */
    public record Erased(int identities, int conversations, int messages, int events, int deliveries) {
    }

    /**
     * Nothing was erased: some of the contact's deliveries are being sent (what {@link #erase} refuses on). Those not
     * started yet were cancelled all the same.
     */
    public static final class BusyException extends RuntimeException {
        BusyException(Outbox.Busy busy) {
            super(busy.describe());
        }
    }

    /**
     * Erases a contact: its identities, its conversations with their history, and these events with their
     * deliveries; unstarted deliveries leave their queues (and this node's lanes) as cancelled ones would.
     *
     * @throws BusyException (nothing erased; the deliveries not started yet cancelled) while one of the deliveries is
     *                       in flight, taken by this node's lane to send, or queued behind a conversation another
     *                       node is sending
     */
    public Erased erase(String id, List<ConversationRow> conversations, List<String> eventIds, long now) {
        Set<String> withdrawn = new HashSet<>();
        List<String> cancelled = new ArrayList<>();
        Outbox.Busy[] busy = new Outbox.Busy[1];
        boolean committed = false;
        Erased erased;
        try {
            erased = jdbi.inTransaction(h -> {
                List<DeliveryRow> rows = new ArrayList<>();
                for (List<String> chunk : chunks(eventIds)) {
                    rows.addAll(h.createQuery("SELECT * FROM deliveries WHERE event_id IN (<ids>)")
                            .bindList("ids", chunk).mapTo(DeliveryRow.class).list());
                }
                rows.stream().map(DeliveryRow::id).forEach(cancelled::add);
                // one call for every key, so their queue rows are locked in key order, as everywhere else
                busy[0] = outbox.cancelForErasure(h, rows, now, withdrawn);
                if (busy[0] != null) {
                    return null; // the cancels commit; nothing is deleted
                }
                int deliveries = 0;
                int events = 0;
                for (List<String> chunk : chunks(eventIds)) {
                    deliveries += h.createUpdate("DELETE FROM deliveries WHERE event_id IN (<ids>)")
                            .bindList("ids", chunk).execute();
                    events += h.createUpdate("DELETE FROM events WHERE id IN (<ids>)").bindList("ids", chunk)
                            .execute();
                }
                int messages = 0;
                for (List<String> chunk : chunks(conversations.stream().map(ConversationRow::id).toList())) {
                    messages += h.createUpdate("DELETE FROM conversation_messages WHERE conversation_id IN (<c>)")
                            .bindList("c", chunk).execute();
                    h.createUpdate("DELETE FROM conversations WHERE id IN (<c>)").bindList("c", chunk).execute();
                }
                int identities = h.createUpdate("DELETE FROM contact_identities WHERE contact_id = :id")
                        .bind("id", id).execute();
                h.createUpdate("DELETE FROM contacts WHERE id = :id").bind("id", id).execute();
                return new Erased(identities, conversations.size(), messages, events, deliveries);
            });
            committed = true;
        } finally {
            outbox.erasureEnded(committed, cancelled, withdrawn);
        }
        if (busy[0] != null) {
            throw new BusyException(busy[0]);
        }
        return erased;
    }

    private static boolean constraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return out;
    }
}
