package io.ponte.plugins.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.action.ActionResult;
import io.ponte.api.config.ConfigException;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.plugins.salesforce.fake.FakeSalesforce;
import io.ponte.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;

class SessionTest {

    private static final String CONTACT = "{\"name\":\"Ana\",\"email\":\"ana@example.com\"}";

    @Test
    void gets_a_token_by_client_credentials_once_and_keeps_it_in_the_secret_store() {
        try (FakeSalesforce org = Orgs.org()) {
            TestConnectorContext context = Orgs.context(org);
            Connector sf = Orgs.open(context);
            assertThat(Orgs.invoke(sf, "contact.upsert", CONTACT)).isInstanceOf(ActionResult.Delivered.class);
            assertThat(Orgs.invoke(sf, "contact.upsert", CONTACT)).isInstanceOf(ActionResult.Delivered.class);
            assertThat(org.tokenRequests()).singleElement().satisfies(r -> {
                assertThat(r.formParams()).containsEntry("grant_type", "client_credentials")
                        .containsEntry("client_id", Orgs.CLIENT_ID).containsEntry("client_secret", Orgs.CLIENT_SECRET);
                assertThat(r.header("content-type")).isEqualTo("application/x-www-form-urlencoded");
            });
            assertThat(context.secretsSnapshot()).containsKey(SalesforceSession.SECRET_KEY);
            assertThat(context.stateSnapshot().values()).noneMatch(v -> v.contains("00DFAKE"));
            // a reopened connection reuses the kept token
            assertThat(Orgs.invoke(Orgs.open(context), "contact.upsert", CONTACT))
                    .isInstanceOf(ActionResult.Delivered.class);
            assertThat(org.tokenRequests()).hasSize(1);
        }
    }

    @Test
    void gets_a_token_by_a_jwt_bearer_assertion_that_salesforce_verifies() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context("""
                    {"loginUrl":"%s","clientId":"%s","privateKey":"%s","username":"%s"}"""
                    .formatted(org.url(), Orgs.CLIENT_ID, Orgs.pemInJson(), Orgs.USERNAME)));
            assertThat(Orgs.invoke(sf, "contact.upsert", CONTACT)).isInstanceOf(ActionResult.Delivered.class);
            assertThat(org.tokenRequests()).singleElement().satisfies(r -> assertThat(r.formParams())
                    .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                    .containsKey("assertion").doesNotContainKey("client_secret"));
        }
    }

    @Test
    void a_jwt_for_a_user_salesforce_does_not_know_is_refused_and_the_connection_reported_down() {
        try (FakeSalesforce org = Orgs.org()) {
            TestConnectorContext context = Orgs.context("""
                    {"loginUrl":"%s","clientId":"%s","privateKey":"%s","username":"someone@else.com"}"""
                    .formatted(org.url(), Orgs.CLIENT_ID, Orgs.pemInJson()));
            ActionResult result = Orgs.invoke(Orgs.open(context), "contact.upsert", CONTACT);
            assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                    .contains("invalid_grant").contains("pre-authorized").doesNotContain("PRIVATE KEY"));
            assertThat(context.reportedHealth()).last().extracting(Health::status)
                    .isEqualTo(Health.down("x").status());
        }
    }

    @Test
    void an_expired_session_is_refreshed_once_and_the_call_repeated() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context(org));
            Orgs.invoke(sf, "contact.upsert", CONTACT);
            org.expireSessions();
            assertThat(Orgs.invoke(sf, "contact.upsert", "{\"name\":\"Bia\",\"email\":\"bia@example.com\"}"))
                    .isInstanceOf(ActionResult.Delivered.class);
            assertThat(org.tokenRequests()).hasSize(2);
            assertThat(org.records("Contact")).hasSize(2);
        }
    }

    @Test
    void a_token_refused_after_the_refresh_fails_the_action_and_reports_the_connection_down() {
        try (FakeSalesforce org = Orgs.org()) {
            TestConnectorContext context = Orgs.context(org);
            Connector sf = Orgs.open(context);
            Orgs.invoke(sf, "contact.upsert", CONTACT);
            org.refuseTokens();
            assertThat(Orgs.invoke(sf, "contact.upsert", CONTACT)).isInstanceOfSatisfying(ActionResult.Failed.class,
                    f -> assertThat(f.reason()).contains("INVALID_SESSION_ID").contains("check"));
            assertThat(org.tokenRequests()).hasSize(2);
            assertThat(context.reportedHealth()).last().satisfies(h -> assertThat(h.detail())
                    .contains("INVALID_SESSION_ID"));
            assertThat(sf.health().status()).isEqualTo(Health.down("x").status());
        }
    }

    @Test
    void wrong_client_credentials_make_the_health_check_say_what_to_fix() {
        try (FakeSalesforce org = Orgs.org()) {
            Connector sf = Orgs.open(Orgs.context("""
                    {"loginUrl":"%s","clientId":"%s","clientSecret":"wrong-secret"}"""
                    .formatted(org.url(), Orgs.CLIENT_ID)));
            Health health = sf.health();
            assertThat(health.status()).isEqualTo(Health.down("x").status());
            assertThat(health.detail()).contains("invalid_client").contains("client-credentials flow")
                    .doesNotContain("wrong-secret");
        }
    }

    @Test
    void a_config_needs_a_client_secret_or_a_private_key_with_a_username() {
        String base = "{\"clientId\":\"3MVG9x\"";
        assertThatThrownBy(() -> Orgs.open(Orgs.context(base + "}")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(io.ponte.api.config.ConfigError::field)
                        .containsExactlyInAnyOrder("clientSecret", "privateKey"));
        assertThatThrownBy(() -> Orgs.open(Orgs.context(base + ",\"privateKey\":\"" + Orgs.pemInJson() + "\"}")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(io.ponte.api.config.ConfigError::field).containsExactly("username"));
        assertThatThrownBy(() -> Orgs.open(Orgs.context(base + ",\"privateKey\":\"not a key\","
                + "\"username\":\"u@example.com\"}")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(io.ponte.api.config.ConfigError::field).containsExactly("privateKey"));
        assertThatThrownBy(() -> Orgs.open(Orgs.context(base + ",\"clientSecret\":\"s\",\"privateKey\":\""
                + Orgs.pemInJson() + "\",\"username\":\"u@example.com\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not both");
        assertThat(Orgs.context(base + ",\"clientSecret\":\"s\"}").config().string(SalesforceConfig.API_VERSION))
                .isEqualTo("v61.0");
    }
}
