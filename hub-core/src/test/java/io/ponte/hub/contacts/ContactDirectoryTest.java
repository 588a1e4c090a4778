package io.ponte.hub.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.ContactHints;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import io.ponte.hub.config.ConfigLoader;
import io.ponte.hub.json.HubJson;
import io.ponte.hub.storage.Database;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.Stores;
import io.ponte.hub.testing.ManualClock;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contact directory on the ingest path: what it reads from the database, and when. */
class ContactDirectoryTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final AtomicInteger statements = new AtomicInteger();
    private Database database;
    private ContactDirectory directory;

    @BeforeEach
    void open() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PONTE_DATA_DIR", Files.createTempDirectory("ponte-contacts-").toString());
        database = new Database(ConfigLoader.load(env, null));
        database.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
        Stores stores = new Stores(database.jdbi());
        Map<String, String> types = Map.of("con_WA", "wa", "con_TG", "tg", "con_AGENT", "agent");
        directory = new ContactDirectory(stores.contacts(), id -> Optional.ofNullable(types.get(id)),
                "minicrm"::equals, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static Envelope message(String tenant, String connection, String address, String phone) {
        Map<String, String> attributes = phone == null ? Map.of() : Map.of(ContactHints.PHONE, phone);
        return new Envelope(Ids.next("evt"), tenant, EnvelopeTypes.MESSAGE_INBOUND, connection, null,
                new ConversationKey(connection, address), Instant.EPOCH, "c", null,
                ChatMessage.inbound(new Party(address, "Ana"), new Content.Text("oi")), attributes);
    }

    @Test
    void a_conversations_contact_is_read_once_then_served_from_memory_until_its_entry_is_a_minute_old() {
        Object id = directory.contactOf(message("default", "con_WA", "5511987650001", "+5511987650001")).get("id");
        assertThat(statements.get()).as("the first message reads and creates").isPositive();

        statements.set(0);
        for (int i = 0; i < 1_000; i++) {
            assertThat(directory.contactOf(message("default", "con_WA", "5511987650001", "+5511987650001"))
                    .get("id")).isEqualTo(id);
        }
        Envelope reply = new Envelope(Ids.next("evt"), "default", EnvelopeTypes.MESSAGE_OUTBOUND, "con_AGENT", null,
                new ConversationKey("con_WA", "5511987650001"), Instant.EPOCH, "c", null,
                ChatMessage.outbound(Party.of("5511987650001"), new Content.Text("olá")), Map.of());
        assertThat(directory.contactOf(reply).get("id")).as("an agent's reply in the conversation").isEqualTo(id);
        assertThat(statements.get()).as("1,001 more envelopes of the conversation, no statement").isZero();

        clock.advance(Duration.ofSeconds(61));
        assertThat(directory.contactOf(message("default", "con_WA", "5511987650001", "+5511987650001")).get("id"))
                .isEqualTo(id);
        assertThat(statements.get()).as("read again once the entry is older than a minute").isPositive();
    }

    @Test
    void a_shared_phone_merges_two_conversations_and_a_learned_crm_id_shows_on_both() {
        Object whatsapp = directory.contactOf(message("default", "con_WA", "5511987650001", "+5511987650001"))
                .get("id");
        Object telegram = directory.contactOf(message("default", "con_TG", "5011223344", null)).get("id");
        assertThat(telegram).as("nothing in common yet").isNotEqualTo(whatsapp);

        Map<String, Object> merged = directory.contactOf(message("default", "con_TG", "5011223344",
                "+55 11 98765-0001"));
        assertThat(merged.get("id")).as("the older contact stays").isEqualTo(whatsapp);
        assertThat(merged.get("phone")).isEqualTo("+5511987650001");
        assertThat(directory.contactOf(message("default", "con_TG", "5011223344", null)).get("id"))
                .isEqualTo(whatsapp);

        directory.learn("default", new ConversationKey("con_TG", "5011223344"), "minicrm", "crm-9",
                HubJson.mapper().createObjectNode().put("email", "Ana@Example.com").put("phone", "+5511987650001"));
        statements.set(0);
        Map<String, Object> wa = directory.contactOf(message("default", "con_WA", "5511987650001", "+5511987650001"));
        assertThat(statements.get()).as("learning refreshed this node's memory").isZero();
        assertThat(wa.get("crm")).isEqualTo(Map.of("minicrm", "crm-9"));
        assertThat(wa.get("email")).isEqualTo("ana@example.com");

        Map<String, Object> otherTenant = directory.contactOf(message("t_other", "con_WA", "5511987650001",
                "+5511987650001"));
        assertThat(otherTenant.get("id")).as("the same phone in another tenant is another person")
                .isNotEqualTo(whatsapp);
        assertThat(otherTenant.get("crm")).isEqualTo(Map.of());
        assertThat(directory.contactOf(new Envelope(Ids.next("evt"), "default", "order.updated", "con_WA", null,
                null, Instant.EPOCH, "c", null, new io.ponte.api.message.GenericPayload(
                        HubJson.mapper().createObjectNode()), Map.of()))).as("no conversation, no contact").isEmpty();
    }
}
