package io.ponte.plugins.instagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.plugins.instagram.fake.FakeInstagramApi;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.Recorded;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The health check: one authenticated GET of the account. */
class HealthTest {

    private final FakeInstagramApi fake = new FakeInstagramApi(Fixtures.ACCOUNT, Fixtures.ACCESS_TOKEN);

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void is_up_with_the_username_after_one_authenticated_get_of_the_account() {
        fake.username("loja.ponte");

        Health health = health(fake.baseUrl());

        assertThat(health).isEqualTo(Health.up("Instagram account @loja.ponte (id " + Fixtures.ACCOUNT
                + ") answers at 127.0.0.1"));
        Recorded request = fake.lastRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v21.0/" + Fixtures.ACCOUNT);
        assertThat(request.queryParams()).containsExactly(java.util.Map.entry("fields", "id,username"));
        assertThat(request.header("authorization")).isEqualTo("Bearer " + Fixtures.ACCESS_TOKEN);
    }

    @Test
    void is_down_when_meta_rejects_the_token() {
        fake.enqueue(Answer.json(400, Fixtures.text("send/token-expired.json")));

        Health health = health(fake.baseUrl());

        assertThat(health.status()).isEqualTo(Health.Status.DOWN);
        assertThat(health.detail()).startsWith("Meta rejected the access token or its permissions; Graph API HTTP 400, "
                + "code 190/463").doesNotContain(Fixtures.ACCESS_TOKEN);
    }

    @Test
    void is_down_for_an_account_id_the_token_cannot_see() {
        try (FakeInstagramApi other = new FakeInstagramApi("17841499999999999", Fixtures.ACCESS_TOKEN)) {
            Health health = health(other.baseUrl());

            assertThat(health.status()).isEqualTo(Health.Status.DOWN);
            assertThat(health.detail()).startsWith("the account check failed; Graph API HTTP 400, code 100/33: "
                    + "Unsupported get request. Object with ID '" + Fixtures.ACCOUNT + "' does not exist");
        }
    }

    @Test
    void is_down_when_meta_is_unreachable_or_slow() {
        assertThat(health("http://127.0.0.1:9/v21.0"))
                .isEqualTo(Health.down("the account check failed; could not reach the Graph API at 127.0.0.1: "
                        + "ConnectException"));

        fake.enqueue(Answer.json(200, "{}").after(Duration.ofSeconds(3)));
        var context = Fixtures.context(fake.baseUrl());
        try (Connector connector = new InstagramConnector(InstagramConfig.from(context.config()), context,
                Duration.ofMillis(300))) {
            assertThat(connector.health()).isEqualTo(Health.down("the account check failed; timed out after 300ms "
                    + "waiting for the Graph API at 127.0.0.1"));
        }
    }

    private static Health health(String baseUrl) {
        try (Connector connector = new InstagramConnectorFactory().open(Fixtures.context(baseUrl))) {
            return connector.health();
        }
    }
}
