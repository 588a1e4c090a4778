package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.salesforce.fake.FakeSalesforce;
import io.ponte.testkit.fake.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The salesforce plugin end to end, as installed from the distribution, against its fake org: the CRM actions
 * through the admin API and through a route, the OAuth session refreshed once when it expires and the connection
 * reported down when Salesforce refuses it, opportunity stage changes polled into {@code deal.updated}, and a 503
 * storm that still leaves exactly one contact and one opportunity.
 */
class SalesforceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLIENT_ID = "3MVG9it.consumer.key";
    private static final String CLIENT_SECRET = "it-consumer-secret-0123456789";

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static FakeSalesforce org() {
        return new FakeSalesforce(CLIENT_ID, CLIENT_SECRET, "integration@example.com");
    }

    /** A connection at the fake, retrying after a second and probing its circuit after one, polling as asked. */
    private static String connect(TestHub hub, FakeSalesforce org, int pollSeconds) {
        ObjectNode body = (ObjectNode) TestHub.parse("""
                {"connector":"salesforce","name":"sales org",
                 "delivery":{"retrySchedule":["1s","1s","1s","1s","1s","1s","1s","1s"],"timeoutSeconds":10,
                             "breaker":{"openSeconds":1}}}""");
        body.putObject("config").put("loginUrl", org.url()).put("clientId", CLIENT_ID)
                .put("clientSecret", CLIENT_SECRET).put("pollIntervalSeconds", pollSeconds);
        TestHub.Response r = hub.post("/api/v1/connections", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().get("id").asText();
        // the first poll only learns where Salesforce's changes stand: one query per object
        org.awaitRequests(q -> q.path().endsWith("/query") && q.queryParams().get("q").contains("DESC"), 2, WAIT);
        return id;
    }

    private static JsonNode invoke(TestHub hub, String connection, String action, String input) {
        return hub.post("/api/v1/connections/" + connection + "/actions/" + action, TestHub.parse(input)).json();
    }

    private static String delivered(JsonNode outcome) {
        assertThat(outcome.get("outcome").asText()).as(outcome.toString()).isEqualTo("delivered");
        return outcome.at("/output/id").asText();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_contact_and_a_deal_made_through_the_hub_come_back_as_changes_with_the_previous_stage(TestDatabase db) {
        try (FakeSalesforce org = org();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String sf = connect(hub, org, 1);

            JsonNode upserted = invoke(hub, sf, "contact.upsert",
                    "{\"name\":\"Ana Souza\",\"email\":\"ana@example.com\",\"phone\":\"+55 11 98765-4321\"}");
            String contact = delivered(upserted);
            assertThat(upserted.at("/output/created").asBoolean()).isTrue();
            assertThat(upserted.get("externalRef").asText()).isEqualTo(contact);
            String deal = delivered(invoke(hub, sf, "deal.create",
                    "{\"title\":\"Ana - plano anual\",\"amount\":\"199.90\",\"contact\":\"" + contact + "\"}"));
            assertThat(org.record(deal).get("StageName").asText()).isEqualTo("Prospecting");
            assertThat(org.record(deal).get("Amount").decimalValue()).isEqualByComparingTo("199.90");
            assertThat(org.records("OpportunityContactRole")).hasSize(1);

            TestHub.await("the new deal polled", WAIT,
                    () -> !hub.events("connection=" + sf + "&type=deal.updated").isEmpty());
            TestHub.await("the new contact polled", WAIT,
                    () -> !hub.events("connection=" + sf + "&type=contact.upserted").isEmpty());
            JsonNode contactEvent = hub.events("connection=" + sf + "&type=contact.upserted").get(0).get("envelope");
            assertThat(contactEvent.at("/payload/contactId").asText()).isEqualTo(contact);
            assertThat(contactEvent.at("/payload/email").asText()).isEqualTo("ana@example.com");

            org.edit(deal, Map.of("StageName", "Closed Won"));
            String wonId = deal + ":" + org.record(deal).get("SystemModstamp").asText();
            TestHub.await("the stage change polled", WAIT,
                    () -> hub.events("connection=" + sf + "&type=deal.updated").stream()
                            .anyMatch(e -> e.at("/envelope/externalId").asText().equals(wonId)));
            JsonNode won = hub.events("connection=" + sf + "&type=deal.updated").stream()
                    .map(e -> e.get("envelope")).filter(e -> e.get("externalId").asText().equals(wonId))
                    .findFirst().orElseThrow();
            assertThat(won.at("/attributes/previousStage").asText()).isEqualTo("Prospecting");
            assertThat(won.at("/payload/data/stage").asText()).isEqualTo("Closed Won");
            assertThat(won.at("/payload/data/contactId").asText()).isEqualTo(contact);
            assertThat(hub.events("connection=" + sf + "&type=deal.updated"))
                    .extracting(e -> e.at("/envelope/externalId").asText()).doesNotHaveDuplicates();
        }
    }

    @Test
    void an_expired_session_is_refreshed_once_and_a_refused_one_reports_the_connection_down() {
        try (FakeSalesforce org = org();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String sf = connect(hub, org, 3600);
            delivered(invoke(hub, sf, "contact.upsert", "{\"name\":\"Bia\",\"email\":\"bia@example.com\"}"));
            assertThat(org.tokenRequests()).hasSize(1);

            org.expireSessions();
            delivered(invoke(hub, sf, "contact.upsert", "{\"name\":\"Caio\",\"email\":\"caio@example.com\"}"));
            assertThat(org.tokenRequests()).hasSize(2);
            assertThat(org.records("Contact")).hasSize(2);

            org.refuseTokens();
            JsonNode refused = invoke(hub, sf, "contact.upsert", "{\"name\":\"Dani\",\"email\":\"d@example.com\"}");
            assertThat(refused.get("outcome").asText()).isEqualTo("failed");
            assertThat(refused.get("reason").asText()).contains("INVALID_SESSION_ID").contains("check");
            assertThat(org.tokenRequests()).hasSize(3);
            JsonNode health = hub.get("/api/v1/connections/" + sf).json().get("health");
            assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("down");
            assertThat(health.get("detail").asText()).contains("INVALID_SESSION_ID")
                    .doesNotContain(CLIENT_SECRET);
        }
    }

    @Test
    void a_503_storm_still_leaves_exactly_one_contact_and_one_opportunity() {
        try (FakeSalesforce org = org();
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).start()) {
            String sf = connect(hub, org, 3600);
            String owner = delivered(invoke(hub, sf, "contact.upsert",
                    "{\"name\":\"Sales Owner\",\"email\":\"owner@example.com\"}"));
            String in = hub.createConnection("http", "whatsapp bridge", Map.of());
            hub.createRoute("""
                    {"name":"a new lead becomes a contact and a deal","match":{"source":"%s","type":"message.inbound"},
                     "actions":[{"target":"%s","action":"contact.upsert",
                                 "input":{"name":"{{payload.from.name}}","phone":"{{payload.from.address}}"}},
                                {"target":"%s","action":"deal.create",
                                 "input":{"title":"Lead {{payload.from.address}}","amount":"199.90",
                                          "contact":"%s"}}]}""".formatted(in, sf, sf, owner));
            for (int i = 0; i < 4; i++) {
                org.enqueue(FakeSalesforce.error(503, "SERVER_UNAVAILABLE", "Service temporarily unavailable")
                        .withHeader("Retry-After", "1"));
            }
            org.enqueue(Answer.json(429, "[]").withHeader("Retry-After", "1"));
            // and the first writes are carried out but their answers lost: only a retry can tell
            org.loseAnswers("/sobjects/Contact", 1);
            org.loseAnswers("/composite", 1);

            TestHub.Response hook = hub.hook(in, "{\"id\":\"wa-1\",\"from\":\"+5511912345678\",\"name\":\"Rui Lima\","
                    + "\"text\":\"quero o plano anual\"}");
            assertThat(hook.status()).as(hook.body()).isEqualTo(200);

            TestHub.await("both actions delivered", WAIT,
                    () -> hub.deliveries("connection=" + sf + "&status=delivered").size() == 2);
            assertThat(hub.deliveries("connection=" + sf)).hasSize(2)
                    .allSatisfy(d -> assertThat(d.get("attempts").asInt()).isGreaterThan(1));
            assertThat(org.records("Contact")).filteredOn(c -> c.path("Phone").asText().equals("+5511912345678"))
                    .hasSize(1);
            assertThat(org.records("Opportunity")).hasSize(1);
            assertThat(org.records("OpportunityContactRole")).hasSize(1);
        }
    }
}
