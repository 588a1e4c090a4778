package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.mercadolivre.fake.FakeMercadoLivre;
import io.ponte.plugins.rdstationcrm.fake.FakeRdStationCrm;
import io.ponte.testkit.fake.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rdstation-crm plugin end to end, as installed from the distribution: a Mercado Livre order that is paid (the
 * mercadolivre plugin's fake, notices fetched as follow-ups) becomes one deal, linked to the buyer's contact, in RD
 * Station CRM (the plugin's fake), however many 429s and 5xx RD Station answers on the way.
 */
class RdStationCrmIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> FINISHED = Set.of("delivered", "dead", "cancelled");
    private static final String ORDER = "2000003456789012";

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    /** A connection retrying every second and probing its open circuit after one, so a storm is waited out in seconds. */
    private static String connection(TestHub hub, String connector, String name, Map<String, Object> config) {
        ObjectNode body = (ObjectNode) TestHub.parse("""
                {"connector":"%s","name":"%s",
                 "delivery":{"retrySchedule":["1s","1s","1s","1s","1s","1s","1s","1s"],"breaker":{"openSeconds":1}}}""".formatted(connector,
                name));
        body.set("config", TestHub.parse(PluginJson.mapper().valueToTree(config).toString()));
        TestHub.Response r = hub.post("/api/v1/connections", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static List<JsonNode> deliveries(TestHub hub, String connection, String action) {
        return hub.deliveries("connection=" + connection).stream()
                .filter(d -> action.equals(d.get("action").asText())).toList();
    }

    private static void paidOrderRoute(TestHub hub, String shop, String crm) {
        hub.createRoute("""
                {"name":"paid orders to RD Station","match":{"source":"%s","type":"order.updated",
                   "condition":"payload.status == 'paid'"},
                 "actions":[{"target":"%s","action":"deal.create",
                             "input":{"title":"Pedido ML {{payload.orderId}}","amount":"{{payload.total}}",
                                      "stage":"Sem contato",
                                      "contact":{"name":"{{payload.buyer.name}}",
                                                 "phone":"+55{{attributes.buyerPhone}}"}}}]}
                """.formatted(shop, crm));
    }

    private static void payOrder(TestHub hub, FakeMercadoLivre ml, String shop) {
        ml.putOrder(ORDER, "paid", null, "123456789", "11987650001", "2026-01-05T10:32:15.000-03:00");
        String notice = FakeMercadoLivre.notice("orders_v2", "/orders/" + ORDER);
        assertThat(hub.hook(shop, notice).status()).isEqualTo(200);
        assertThat(hub.hook(shop, notice).status()).isEqualTo(200);
    }

    private static void assertOneDealForTheBuyer(FakeRdStationCrm crm) {
        assertThat(crm.contacts()).as("one contact").hasSize(1);
        assertThat(crm.deals()).as("one deal").hasSize(1);
        JsonNode contact = crm.contacts().get(0);
        JsonNode deal = crm.deals().get(0);
        assertThat(contact.at("/phones/0/phone").asText()).isEqualTo("+5511987650001");
        assertThat(deal.get("name").asText()).isEqualTo("Pedido ML " + ORDER);
        assertThat(deal.at("/deal_stage/id").asText()).isEqualTo(FakeRdStationCrm.STAGE_NEW);
        assertThat(deal.at("/contacts/0/id").asText()).isEqualTo(contact.get("id").asText());
        assertThat(deal.get("amount_total").decimalValue()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_paid_mercado_livre_order_becomes_one_deal_for_the_buyer_in_rd_station(TestDatabase db) {
        try (FakeMercadoLivre ml = new FakeMercadoLivre();
             FakeRdStationCrm crm = new FakeRdStationCrm();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String shop = connection(hub, "mercadolivre", "loja azul", ml.config());
            String rd = connection(hub, "rdstation-crm", "rd crm", crm.config());
            paidOrderRoute(hub, shop, rd);

            payOrder(hub, ml, shop);
            TestHub.await("the deal delivered", WAIT, () -> deliveries(hub, rd, "deal.create").stream()
                    .anyMatch(d -> "delivered".equals(d.get("status").asText())));

            assertOneDealForTheBuyer(crm);
            JsonNode delivery = deliveries(hub, rd, "deal.create").get(0);
            assertThat(delivery.get("externalRef").asText()).isEqualTo(crm.deals().get(0).get("id").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_storm_of_429_and_5xx_from_rd_station_still_makes_exactly_one_contact_and_one_deal(TestDatabase db) {
        try (FakeMercadoLivre ml = new FakeMercadoLivre();
             FakeRdStationCrm crm = new FakeRdStationCrm();
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins()).start()) {
            String shop = connection(hub, "mercadolivre", "loja azul", ml.config());
            String rd = connection(hub, "rdstation-crm", "rd crm", crm.config());
            paidOrderRoute(hub, shop, rd);
            crm.enqueue(Answer.json(429, "{\"errors\":\"Too Many Requests\"}").withHeader("Retry-After", "1"));
            crm.enqueue(Answer.json(500, "{\"error\":\"Internal Server Error\"}"));
            crm.enqueue(Answer.json(502, "{\"error\":\"Bad Gateway\"}"));
            crm.enqueue(Answer.json(503, "{\"error\":\"Service Unavailable\"}"));
            crm.enqueue(Answer.json(429, "{\"errors\":\"Too Many Requests\"}").withHeader("Retry-After", "1"));

            payOrder(hub, ml, shop);
            TestHub.await("the deal delivered after the storm", WAIT, () -> {
                List<JsonNode> creates = deliveries(hub, rd, "deal.create");
                return !creates.isEmpty() && creates.stream().allMatch(d -> FINISHED.contains(
                        d.get("status").asText()));
            });

            assertThat(deliveries(hub, rd, "deal.create")).as("one delivery for the paid order: %s", deliveries(hub, rd, "deal.create"))
                    .extracting(d -> d.get("status").asText()).containsExactly("delivered");
            JsonNode delivery = deliveries(hub, rd, "deal.create").get(0);
            assertThat(delivery.get("attempts").asInt()).as("retried through the storm").isGreaterThan(1);
            assertThat(delivery.get("externalRef").asText()).isEqualTo(crm.deals().get(0).get("id").asText());
            assertOneDealForTheBuyer(crm);
        }
    }
}
