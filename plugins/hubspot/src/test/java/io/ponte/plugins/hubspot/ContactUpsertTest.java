package io.ponte.plugins.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.plugins.hubspot.fake.FakeHubSpot;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Recorded;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** contact.upsert against the fake: search by e-mail then phone, update or create, no duplicates under retries. */
class ContactUpsertTest {

    private final FakeHubSpot hubspot = new FakeHubSpot();
    private final TestConnectorContext context = Accounts.context(hubspot);
    private final Connector connector = Accounts.open(context);

    @AfterEach
    void stop() {
        hubspot.close();
    }

    private ActionResult upsert(String input, String delivery) {
        return Accounts.invoke(connector, "contact.upsert", input, delivery);
    }

    @Test
    void creates_a_contact_nobody_has_with_the_bearer_token_and_split_name() {
        ActionResult r = upsert("""
                {"name":"Ana Maria Souza","phone":"+55 (11) 98765-0001","properties":{"lifecyclestage":"lead"}}""",
                "dlv_1");

        ActionResult.Delivered d = (ActionResult.Delivered) r;
        assertThat(d.output().get("created").asBoolean()).isTrue();
        assertThat(d.externalRef()).isEqualTo(d.output().get("id").asText());
        assertThat(hubspot.contacts()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(d.externalRef());
            assertThat(c.properties().get("phone").asText()).isEqualTo("+5511987650001");
            assertThat(c.properties().get("firstname").asText()).isEqualTo("Ana");
            assertThat(c.properties().get("lastname").asText()).isEqualTo("Maria Souza");
            assertThat(c.properties().get("lifecyclestage").asText()).isEqualTo("lead");
        });
        Recorded create = hubspot.requests(q -> q.method().equals("POST") && q.path().equals("/crm/v3/objects/contacts"))
                .get(0);
        assertThat(create.header("authorization")).isEqualTo("Bearer " + FakeHubSpot.TOKEN);
        assertThat(hubspot.requests(q -> q.path().endsWith("/search")).get(0).bodyJson().get("filterGroups"))
                .as("phone, then mobile phone").hasSize(2);
    }

    @Test
    void finds_by_email_first_then_by_phone_and_updates_instead_of_creating() {
        String byEmail = hubspot.putContact(Map.of("email", "ana@example.com"));
        String byMobile = hubspot.putContact(Map.of("mobilephone", "5511987650001"));

        ActionResult first = upsert("{\"email\":\"ana@example.com\",\"name\":\"Ana\"}", "dlv_1");
        ActionResult second = upsert("{\"phone\":\"55 11 98765-0001\",\"name\":\"Ana\"}", "dlv_2");

        assertThat(((ActionResult.Delivered) first).externalRef()).isEqualTo(byEmail);
        assertThat(((ActionResult.Delivered) second).externalRef()).isEqualTo(byMobile);
        assertThat(((ActionResult.Delivered) second).output().get("created").asBoolean()).isFalse();
        assertThat(hubspot.contacts()).hasSize(2);
        assertThat(hubspot.contacts().get(1).properties().get("firstname").asText()).isEqualTo("Ana");
    }

    @Test
    void a_409_on_create_updates_the_contact_hubspot_names() {
        String existing = hubspot.putContact(Map.of("email", "ana@example.com"));
        // the search has not indexed it yet: HubSpot's search lags creates
        hubspot.enqueue(io.ponte.testkit.fake.Answer.json(200, "{\"total\":0,\"results\":[]}"));

        ActionResult r = upsert("{\"email\":\"ana@example.com\",\"name\":\"Ana\"}", "dlv_1");

        assertThat(((ActionResult.Delivered) r).externalRef()).isEqualTo(existing);
        assertThat(((ActionResult.Delivered) r).output().get("created").asBoolean()).isFalse();
        assertThat(hubspot.contacts()).hasSize(1);
        assertThat(hubspot.requests(q -> q.method().equals("PATCH"))).singleElement()
                .satisfies(q -> assertThat(q.path()).isEqualTo("/crm/v3/objects/contacts/" + existing));
    }

    @Test
    void a_retried_delivery_updates_the_contact_it_created_even_before_search_finds_it() {
        upsert("{\"phone\":\"5511987650001\"}", "dlv_1");
        hubspot.enqueue(io.ponte.testkit.fake.Answer.json(200, "{\"total\":0,\"results\":[]}"));
        hubspot.enqueue(io.ponte.testkit.fake.Answer.json(200, "{\"total\":0,\"results\":[]}"));

        ActionResult retry = upsert("{\"phone\":\"5511987650001\"}", "dlv_1");

        assertThat(hubspot.contacts()).hasSize(1);
        assertThat(((ActionResult.Delivered) retry).externalRef()).isEqualTo(hubspot.contacts().get(0).id());
    }

    @Test
    void a_rate_limit_is_retried_after_hubspots_interval_and_5xx_is_retried() {
        hubspot.rateLimitNext(1, 1500);
        ActionResult limited = upsert("{\"email\":\"ana@example.com\"}", "dlv_1");
        assertThat(limited).isInstanceOfSatisfying(ActionResult.Retry.class, r -> {
            assertThat(r.after()).isEqualTo(Duration.ofMillis(1500));
            assertThat(r.reason()).contains("429").contains("You have reached your secondly limit.");
        });
        hubspot.enqueue(FakeHubSpot.error(429, "RATE_LIMIT", "daily").withHeader("Retry-After", "7"));
        assertThat(upsert("{\"email\":\"ana@example.com\"}", "dlv_1")).isInstanceOfSatisfying(
                ActionResult.Retry.class, r -> assertThat(r.after()).isEqualTo(Duration.ofSeconds(7)));
        hubspot.serverErrorNext(1, 502);
        assertThat(upsert("{\"email\":\"ana@example.com\"}", "dlv_1")).isInstanceOf(ActionResult.Retry.class);
        assertThat(hubspot.contacts()).isEmpty();

        assertThat(upsert("{\"email\":\"ana@example.com\"}", "dlv_1")).isInstanceOf(ActionResult.Delivered.class);
        assertThat(hubspot.contacts()).hasSize(1);
    }

    @Test
    void a_refused_token_fails_reports_the_connection_down_and_never_shows_the_token() {
        TestConnectorContext wrong = Accounts.context(hubspot, "pat-na1-wrong-token-000000");
        ActionResult r = Accounts.invoke(Accounts.open(wrong), "contact.upsert", "{\"email\":\"a@b.co\"}", "dlv_1");

        assertThat(r).isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                .contains("refused the access token").contains("INVALID_AUTHENTICATION")
                .doesNotContain("pat-na1-wrong-token"));
        assertThat(wrong.reportedHealth()).last().extracting(Health::status).isEqualTo(Health.Status.DOWN);
        assertThat(Accounts.open(wrong).health().status()).isEqualTo(Health.Status.DOWN);
        assertThat(connector.health().status()).isEqualTo(Health.Status.UP);
    }

    @Test
    void a_validation_error_fails_with_hubspots_category_and_correlation_id() {
        hubspot.enqueue(io.ponte.testkit.fake.Answer.json(400, fixture()));
        assertThat(upsert("{\"email\":\"ana@example.com\"}", "dlv_1")).isInstanceOfSatisfying(
                ActionResult.Failed.class, f -> assertThat(f.reason()).isEqualTo("HubSpot answered HTTP 400 "
                        + "VALIDATION_ERROR: This will be a human readable message with details about the error. "
                        + "(correlationId a43683b0-5717-4ceb-80b4-104d02915d8c)"));
        assertThat(upsert("{\"phone\":\"call me\"}", "dlv_2")).isInstanceOf(ActionResult.Failed.class);
        assertThat(upsert("{}", "dlv_3")).isInstanceOf(ActionResult.Failed.class);
    }

    private static String fixture() {
        try (var in = ContactUpsertTest.class.getResourceAsStream("/hubspot/error-response.json")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
