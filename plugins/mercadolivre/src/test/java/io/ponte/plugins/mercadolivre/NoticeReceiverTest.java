package io.ponte.plugins.mercadolivre;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.api.connector.Connector;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.FollowUp;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.plugins.mercadolivre.fake.FakeMercadoLivre;
import io.ponte.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;

/** Notices in: which are kept (this app and seller), which are dropped, which are refused; nothing is fetched here. */
class NoticeReceiverTest {

    private final TestConnectorContext context = TestConnectorContext.of(new MercadoLivreConnectorFactory(),
            Sellers.config("http://127.0.0.1:9", FakeMercadoLivre.FIRST_REFRESH_TOKEN));
    private final Connector connector = Sellers.open(context);

    @Test
    void keeps_an_order_notice_of_this_app_and_seller_with_a_follow_up_that_fetches_the_order() {
        String body = FakeMercadoLivre.notice("orders_v2", "/orders/2195160686");
        WebhookResult result = Sellers.post(connector, body);

        assertThat(result.response().status()).isEqualTo(200);
        assertThat(result.envelopes()).hasSize(1);
        EnvelopeDraft notice = result.envelopes().get(0);
        assertThat(notice.type()).isEqualTo("mercadolivre.notice");
        assertThat(notice.externalId()).isEqualTo(Sellers.json(body).get("_id").asText());
        assertThat(notice.attributes()).containsEntry("topic", "orders_v2");
        FollowUp followUp = notice.followUp();
        assertThat(followUp.action()).isEqualTo("notice.fetch");
        assertThat(followUp.resource()).isEqualTo("/orders/2195160686");
        assertThat(followUp.input().get("topic").asText()).isEqualTo("orders_v2");
        assertThat(followUp.input().get("id").asText()).isEqualTo("2195160686");
        assertThat(context.recordedMetrics()).contains("mercadolivre.notices.accepted[topic,orders_v2]");
    }

    @Test
    void reads_the_documented_examples_of_every_followed_topic() {
        for (String topic : new String[] {"orders_v2", "items", "questions", "payments", "messages"}) {
            var example = (com.fasterxml.jackson.databind.node.ObjectNode) FakeMercadoLivre.fixture("notices/"
                    + topic + ".json");
            if (example.get("user_id").isTextual()) {
                example.put("user_id", FakeMercadoLivre.SELLER_ID);
            } else {
                example.put("user_id", Long.parseLong(FakeMercadoLivre.SELLER_ID));
            }
            example.put("application_id", Long.parseLong(FakeMercadoLivre.CLIENT_ID));
            WebhookResult result = Sellers.post(connector, example.toString());
            assertThat(result.envelopes()).as(topic).hasSize(1);
            assertThat(result.envelopes().get(0).followUp().input().get("topic").asText()).isEqualTo(topic);
        }
    }

    @Test
    void a_seller_id_written_as_a_string_counts_like_a_number() {
        String body = FakeMercadoLivre.notice("questions", "/questions/5036111111").replace(
                "\"user_id\":" + FakeMercadoLivre.SELLER_ID, "\"user_id\":\"" + FakeMercadoLivre.SELLER_ID + "\"");
        assertThat(body).contains("\"user_id\":\"" + FakeMercadoLivre.SELLER_ID + "\"");
        assertThat(Sellers.post(connector, body).envelopes()).hasSize(1);
    }

    @Test
    void drops_a_notice_for_another_seller_with_200_and_counts_it() {
        WebhookResult result = Sellers.post(connector, FakeMercadoLivre.notice("orders_v2", "/orders/1",
                "999999", FakeMercadoLivre.CLIENT_ID));
        assertThat(result.response().status()).isEqualTo(200);
        assertThat(result.envelopes()).isEmpty();
        assertThat(context.recordedMetrics()).contains("mercadolivre.notices.dropped[reason,other_seller]");
    }

    @Test
    void drops_a_notice_for_another_app_with_200_and_counts_it() {
        WebhookResult result = Sellers.post(connector, FakeMercadoLivre.notice("orders_v2", "/orders/1",
                FakeMercadoLivre.SELLER_ID, "1111111111111111"));
        assertThat(result.envelopes()).isEmpty();
        assertThat(context.recordedMetrics()).contains("mercadolivre.notices.dropped[reason,other_app]");
    }

    @Test
    void drops_a_topic_the_connector_does_not_follow_with_200() {
        WebhookResult result = Sellers.post(connector, FakeMercadoLivre.notice("flex-handshakes",
                "/flex/sites/MLA/shipments/407323124706/assignment/v1"));
        assertThat(result.response().status()).isEqualTo(200);
        assertThat(result.envelopes()).isEmpty();
        assertThat(context.recordedMetrics()).contains("mercadolivre.notices.dropped[reason,unknown_topic]");
    }

    @Test
    void refuses_malformed_json_and_bodies_that_are_no_notice_with_400() {
        for (String body : new String[] {"{\"topic\":", "[]", "{}", "{\"topic\":\"orders_v2\"}"}) {
            assertThatThrownBy(() -> Sellers.post(connector, body)).as(body)
                    .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void refuses_a_resource_that_is_not_the_topics_shape_so_no_other_path_is_ever_fetched() {
        for (String resource : new String[] {"/orders/1/../../users/me", "/users/me", "/orders/abc",
                "https://evil.example/orders/1"}) {
            assertThatThrownBy(() -> Sellers.post(connector, FakeMercadoLivre.notice("orders_v2", resource)))
                    .as(resource).isInstanceOfSatisfying(WebhookRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
