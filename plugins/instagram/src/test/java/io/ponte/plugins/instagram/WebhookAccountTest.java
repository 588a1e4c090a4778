package io.ponte.plugins.instagram;

import static io.ponte.plugins.instagram.Fixtures.ACCOUNT;
import static io.ponte.plugins.instagram.Fixtures.mid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.connector.Connector;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;

/**
 * A connection keeps only its own account's webhook entries ({@code entry[].id}): one Meta app signs the webhooks of
 * every account it serves with the same secret, so another account's traffic reaching this URL is acknowledged and
 * dropped, never stored here.
 */
class WebhookAccountTest {

    private static final String PAGE_ID = "104000000000001";

    private static WebhookResult receive(TestConnectorContext context, String fixture) {
        try (Connector connector = new InstagramConnectorFactory().open(context)) {
            return connector.webhook().orElseThrow().receive(Fixtures.signed(Fixtures.bytes(fixture)));
        }
    }

    private static TestConnectorContext pageLinked(String extra) {
        return TestConnectorContext.of(new InstagramConnectorFactory(), Fixtures.config(null)
                .replace("\"igUserId\":\"" + ACCOUNT + "\"", "\"igUserId\":\"" + PAGE_ID + "\"" + extra));
    }

    @Test
    void acknowledges_an_entry_of_another_account_and_stores_nothing_of_it() {
        TestConnectorContext context = Fixtures.context(null);

        WebhookResult result = receive(context, "inbound/other-account.json");

        assertThat(result.envelopes()).isEmpty();
        assertThat(result.response().status()).isEqualTo(200);
        assertThat(context.recordedMetrics()).contains("webhook.dropped[reason,other_account]");
    }

    @Test
    void keeps_its_own_entry_and_drops_another_accounts_entry_of_the_same_batch() {
        TestConnectorContext context = Fixtures.context(null);

        WebhookResult result = receive(context, "inbound/mixed-accounts.json");

        assertThat(result.envelopes()).singleElement().satisfies(draft -> {
            assertThat(draft.externalId()).isEqualTo(mid(30));
            assertThat(draft.attributes()).containsEntry("igAccountId", ACCOUNT);
            assertThat(((ChatMessage) draft.payload()).content()).isEqualTo(new Content.Text("Oi! Ainda tem o azul?"));
        });
        assertThat(context.recordedMetrics()).containsOnlyOnce("webhook.dropped[reason,other_account]");
    }

    @Test
    void on_the_page_linked_api_keeps_the_entries_of_the_configured_instagram_account() {
        WebhookResult result = receive(pageLinked(",\"igAccountId\":\"" + ACCOUNT + "\""), "inbound/text.json");

        assertThat(result.envelopes()).singleElement()
                .satisfies(draft -> assertThat(draft.externalId()).isEqualTo(mid(1)));
    }

    @Test
    void on_the_page_linked_api_without_ig_account_id_drops_the_instagram_accounts_entries() {
        TestConnectorContext context = pageLinked("");

        WebhookResult result = receive(context, "inbound/text.json");

        assertThat(result.envelopes()).isEmpty();
        assertThat(result.response().status()).isEqualTo(200);
        assertThat(context.recordedMetrics()).contains("webhook.dropped[reason,other_account]");
    }
}
