package io.ponte.hub.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Party;
import io.ponte.api.message.Payment;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.hub.json.HubJson;
import io.ponte.hub.testing.TestHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/reports/payments}: finance totals from the stored payment events. */
class PaymentReportsTest {

    /** A gateway whose webhook takes {@code [{"id","type","amount","currency","method","at"}]}. */
    static final class Gateway implements ConnectorFactory {
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("gateway", Category.PAYMENT, "Gateway", "payments", ConfigSpec.of(),
                    List.of("payment.succeeded", "payment.refunded"), List.of());
        }

        @Override
        public Connector open(ConnectorContext context) {
            return new Connector() {
                @Override
                public Optional<WebhookReceiver> webhook() {
                    return Optional.of(request -> {
                        JsonNode list;
                        try {
                            list = HubJson.mapper().readTree(request.body());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        List<EnvelopeDraft> drafts = new ArrayList<>();
                        for (JsonNode p : list) {
                            drafts.add(EnvelopeDraft.builder(p.path("type").asText(), new Payment(p.path("id").asText(),
                                            "x", p.path("amount").decimalValue(), p.path("currency").asText(), null,
                                            Party.of("payer"), p.path("method").asText()))
                                    .externalId(p.path("id").asText() + p.path("type").asText())
                                    .occurredAt(Instant.parse(p.path("at").asText())).build());
                        }
                        return WebhookResult.accepted(drafts);
                    });
                }
            };
        }
    }

    private static String payment(String id, String type, String amount, String currency, String method, String at) {
        return "{\"id\":\"%s\",\"type\":\"%s\",\"amount\":%s,\"currency\":\"%s\",\"method\":\"%s\",\"at\":\"%s\"}"
                .formatted(id, type, amount, currency, method, at);
    }

    static List<io.ponte.hub.testing.TestDatabase> databases() {
        return io.ponte.hub.testing.TestDatabase.all();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("databases")
    void totals_per_day_status_method_and_currency_with_exact_amounts_as_json_and_csv(
            io.ponte.hub.testing.TestDatabase db) {
        try (TestHub hub = TestHub.builder().database(db).connectors(new Gateway()).start()) {
            String gw = hub.createConnection("gateway", "mp", Map.of());
            assertThat(hub.hook(gw, "[" + String.join(",",
                    payment("p1", "payment.succeeded", "10.50", "BRL", "pix", "2026-12-01T10:00:00Z"),
                    payment("p2", "payment.succeeded", "0.25", "BRL", "pix", "2026-12-01T23:59:59Z"),
                    payment("p3", "payment.succeeded", "7", "USD", "pix", "2026-12-01T12:00:00Z"),
                    payment("p4", "payment.refunded", "10.50", "BRL", "pix", "2026-12-02T09:00:00Z"),
                    payment("p5", "payment.succeeded", "3", "BRL", "=HYPERLINK(\\\"x\\\")", "2026-12-02T09:00:00Z"),
                    payment("p6", "payment.succeeded", "99", "BRL", "pix", "2026-11-30T23:00:00Z")) + "]")
                    .status()).isEqualTo(200);

            TestHub.Response json = hub.get("/api/v1/reports/payments?from=2026-12-01&to=2026-12-02");
            assertThat(json.status()).as(json.body()).isEqualTo(200);
            JsonNode lines = json.json().get("lines");
            assertThat(lines).hasSize(4);
            JsonNode brl = lines.get(0);
            assertThat(brl.get("day").asText()).isEqualTo("2026-12-01");
            assertThat(brl.get("provider").asText()).isEqualTo("gateway");
            assertThat(brl.get("status").asText()).isEqualTo("succeeded");
            assertThat(brl.get("currency").asText()).isEqualTo("BRL");
            assertThat(brl.get("count").asInt()).isEqualTo(2);
            assertThat(brl.get("amount").decimalValue()).isEqualByComparingTo("10.75");
            assertThat(lines.get(1).get("currency").asText()).isEqualTo("USD");

            TestHub.Response csv = hub.send(java.net.http.HttpRequest.newBuilder(
                    hub.uri("/api/v1/reports/payments?from=2026-12-01&to=2026-12-02"))
                    .header("Authorization", "Bearer " + TestHub.ADMIN_TOKEN).header("Accept", "text/csv"));
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(csv.body()).startsWith("day,tenant,provider,status,method,currency,count,amount\r\n")
                    .contains("2026-12-01,default,gateway,succeeded,pix,BRL,2,10.75\r\n")
                    .contains("2026-12-02,default,gateway,refunded,pix,BRL,1,10.50\r\n")
                    // a cell a spreadsheet would run as a formula is defused
                    .contains(",\"'=HYPERLINK(\"\"x\"\")\",")
                    .doesNotContain("99");
        }
    }

    @Test
    void a_tenant_key_sees_only_its_tenants_payments_and_bad_ranges_are_named() {
        try (TestHub hub = TestHub.builder().connectors(new Gateway()).start()) {
            String gw = hub.createConnection("gateway", "mp", Map.of());
            hub.hook(gw, "[" + payment("p1", "payment.succeeded", "5", "BRL", "pix", "2026-12-01T10:00:00Z") + "]");
            String tenant = hub.post("/api/v1/tenants", TestHub.parse("{\"name\":\"B\"}")).json().get("id").asText();
            String key = hub.post("/api/v1/api-keys", TestHub.parse("{\"name\":\"k\",\"role\":\"read\",\"tenant\":\""
                    + tenant + "\"}")).json().get("token").asText();

            TestHub.Response theirs = hub.call(key, "GET", "/api/v1/reports/payments?from=2026-12-01&to=2026-12-01",
                    null);
            assertThat(theirs.status()).isEqualTo(200);
            assertThat(theirs.json().get("lines")).isEmpty();
            assertThat(hub.get("/api/v1/reports/payments?from=2026-12-01&to=2026-12-01").json().get("lines"))
                    .hasSize(1);

            for (String[] bad : new String[][]{{"from=2026-13-01&to=2026-12-01", "from"},
                    {"from=2026-12-02&to=2026-12-01", "from"}, {"from=2025-01-01&to=2026-12-01", "to"},
                    {"format=xml", "format"}}) {
                TestHub.Response r = hub.get("/api/v1/reports/payments?" + bad[0]);
                assertThat(r.status()).as(bad[0]).isEqualTo(400);
                assertThat(r.json().at("/errors/0/field").asText()).isEqualTo(bad[1]);
            }
        }
    }
}
