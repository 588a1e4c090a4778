package io.ponte.plugins.mercadolivre;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.plugins.mercadolivre.fake.FakeMercadoLivre;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Recorded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seller's tokens: refreshed, rotated and kept encrypted, one refresh at a time, refusals made visible. */
class OAuthTest {

    private static final String ORDER = "{\"orderId\":\"2000003456789012\"}";
    private final FakeMercadoLivre ml = new FakeMercadoLivre();
    private final TestConnectorContext context = Sellers.context(ml);

    OAuthTest() {
        ml.putOrder("2000003456789012", "paid", null, "123456789", null, "2026-01-05T10:32:15.000-03:00");
    }

    @AfterEach
    void stop() {
        ml.close();
    }

    private static boolean isTokenCall(Recorded r) {
        return r.path().equals("/oauth/token");
    }

    @Test
    void refreshes_with_the_form_mercado_livre_documents_and_keeps_the_rotated_token_in_secrets_only() {
        Connector connector = Sellers.open(context);
        assertThat(Sellers.invoke(connector, "order.get", ORDER)).isInstanceOf(ActionResult.Delivered.class);

        Recorded refresh = ml.requests(OAuthTest::isTokenCall).get(0);
        assertThat(refresh.method()).isEqualTo("POST");
        assertThat(refresh.header("content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(refresh.formParams()).containsEntry("grant_type", "refresh_token")
                .containsEntry("client_id", FakeMercadoLivre.CLIENT_ID)
                .containsEntry("client_secret", FakeMercadoLivre.CLIENT_SECRET)
                .containsEntry("refresh_token", FakeMercadoLivre.FIRST_REFRESH_TOKEN);
        assertThat(ml.requests(r -> r.path().startsWith("/orders/")).get(0).header("authorization"))
                .startsWith("Bearer APP_USR-");
        assertThat(context.secretsSnapshot().get(OAuthTokens.STORED_KEY)).contains(ml.currentRefreshToken());
        assertThat(context.stateSnapshot().values()).noneMatch(v -> v.contains(ml.currentRefreshToken()));

        assertThat(Sellers.invoke(connector, "order.get", ORDER)).isInstanceOf(ActionResult.Delivered.class);
        assertThat(ml.refreshes()).as("the access token is reused until it nears expiry").isEqualTo(1);
        context.advance(Duration.ofHours(6));
        Sellers.invoke(connector, "order.get", ORDER);
        assertThat(ml.requests(OAuthTest::isTokenCall).get(1).formParams().get("refresh_token"))
                .as("the rotated token, not the configured one").isEqualTo("TG-rotated1-" + FakeMercadoLivre.SELLER_ID);
    }

    @Test
    void a_reopened_connection_uses_the_newest_refresh_token_and_a_newly_saved_one_wins_over_it() {
        Sellers.invoke(Sellers.open(context), "order.get", ORDER);
        assertThat(Sellers.invoke(Sellers.open(context), "order.get", ORDER))
                .as("after a restart").isInstanceOf(ActionResult.Delivered.class);
        assertThat(ml.refreshes()).isEqualTo(2);

        ml.revokeAuthorization();
        String reauthorized = ml.currentRefreshToken();
        TestConnectorContext saved = TestConnectorContext.of(new MercadoLivreConnectorFactory(),
                Sellers.config(ml.baseUrl(), reauthorized));
        saved.secrets().put(OAuthTokens.STORED_KEY, context.secretsSnapshot().get(OAuthTokens.STORED_KEY));
        assertThat(Sellers.invoke(Sellers.open(saved), "order.get", ORDER)).isInstanceOf(ActionResult.Delivered.class);
    }

    @Test
    void invalid_grant_fails_and_reports_the_connection_down_with_what_to_do_without_the_token() {
        ml.revokeAuthorization();
        Connector connector = Sellers.open(context);
        ActionResult result = Sellers.invoke(connector, "order.get", ORDER);

        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                .contains("invalid_grant").contains("re-authorize the app and save a new refreshToken")
                .doesNotContain(FakeMercadoLivre.FIRST_REFRESH_TOKEN));
        assertThat(context.reportedHealth()).last().satisfies(h -> {
            assertThat(h.status()).isEqualTo(Health.Status.DOWN);
            assertThat(h.detail()).contains("re-authorize");
        });
        assertThat(Sellers.invoke(connector, "order.get", ORDER)).isInstanceOf(ActionResult.Failed.class);
        assertThat(ml.requests(OAuthTest::isTokenCall)).as("a refused token is not tried again").hasSize(1);
        assertThat(connector.health().status()).isEqualTo(Health.Status.DOWN);
    }

    @Test
    void a_401_refreshes_once_and_makes_the_call_again() {
        Connector connector = Sellers.open(context);
        Sellers.invoke(connector, "order.get", ORDER);
        ml.expireAccessTokens();

        assertThat(Sellers.invoke(connector, "order.get", ORDER)).isInstanceOf(ActionResult.Delivered.class);
        assertThat(ml.refreshes()).isEqualTo(2);
        assertThat(context.reportedHealth()).last().satisfies(h -> assertThat(h.status()).isEqualTo(Health.Status.UP));
    }

    @Test
    void a_second_401_after_a_refresh_fails_and_reports_the_connection_down() {
        Connector connector = Sellers.open(context);
        Sellers.invoke(connector, "order.get", ORDER);
        ml.refuseAccessTokens();

        ActionResult result = Sellers.invoke(connector, "order.get", ORDER);
        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo(MercadoLivreApi.TOKEN_REFUSED));
        assertThat(ml.refreshes()).as("one refresh for the 401, then no more").isEqualTo(2);
        assertThat(context.reportedHealth()).last().satisfies(h -> assertThat(h.status())
                .isEqualTo(Health.Status.DOWN));
    }

    @Test
    void concurrent_callers_wait_for_one_refresh() throws Exception {
        Connector connector = Sellers.open(context);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ActionResult>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return Sellers.invoke(connector, "order.get", ORDER);
            }));
        }
        start.countDown();
        for (Future<ActionResult> call : calls) {
            assertThat(call.get()).isInstanceOf(ActionResult.Delivered.class);
        }
        pool.shutdown();
        assertThat(ml.refreshes()).isEqualTo(1);
    }
}
