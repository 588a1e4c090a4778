package io.ponte.hub.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.FollowUp;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.hub.json.HubJson;
import io.ponte.hub.testing.TestHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Acknowledge now, fetch durably later: a thin notice is stored and answered at once, and the hub runs the
 * connection's fetch afterwards, deduplicated, coalesced per resource, retried when it fails.
 */
class FollowUpTest {

    /**
     * A provider that posts thin notices {@code {"id","resource","fetch"}}: the receiver stores each as
     * {@code notice.received} with a follow-up of {@code notice.fetch} on its resource ({@code fetch} names another
     * action, to show a wrong one is refused). The fetch records the resource and fails the first {@code failures}
     * times a resource is fetched.
     */
    static final class Notices implements ConnectorFactory {
        static final List<String> FETCHED = new CopyOnWriteArrayList<>();
        static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("notices", Category.MARKETPLACE, "Notices", "thin notices",
                    ConfigSpec.of(), List.of("notice.received", "resource.changed"),
                    List.of(new ActionSpec("notice.fetch", "fetches the resource a notice names", null)));
        }

        @Override
        public Connector open(ConnectorContext context) {
            return new Connector() {
                @Override
                public Optional<WebhookReceiver> webhook() {
                    return Optional.of(request -> {
                        JsonNode n;
                        try {
                            n = HubJson.mapper().readTree(request.body());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        String resource = n.path("resource").asText();
                        EnvelopeDraft notice = EnvelopeDraft.builder("notice.received", new GenericPayload(n))
                                .externalId(n.path("id").asText())
                                .followUp(new FollowUp(n.path("fetch").asText("notice.fetch"), resource,
                                        HubJson.mapper().createObjectNode().put("resource", resource),
                                        Duration.ofMillis(n.path("afterMs").asLong(300))))
                                .build();
                        return WebhookResult.accepted(List.of(notice));
                    });
                }

                @Override
                public ActionResult invoke(ActionRequest request) {
                    String resource = request.input().path("resource").asText();
                    AtomicInteger failures = FAILURES.get(resource);
                    if (failures != null && failures.getAndDecrement() > 0) {
                        return ActionResult.retryAfter(Duration.ofMillis(100), "the provider is down");
                    }
                    FETCHED.add(resource);
                    context.emitter().emit(List.of(EnvelopeDraft.builder("resource.changed",
                                    new GenericPayload(HubJson.mapper().createObjectNode().put("resource", resource)))
                            .externalId(resource + "@" + request.cause().id()).causationId(request.cause().id())
                            .build()));
                    return ActionResult.delivered(resource);
                }
            };
        }
    }

    private static String notice(String id, String resource) {
        return "{\"id\":\"" + id + "\",\"resource\":\"" + resource + "\"}";
    }

    /** A notice whose fetch waits {@code afterMs} (long enough that a burst posted meanwhile finds it unstarted). */
    private static String notice(String id, String resource, long afterMs) {
        return "{\"id\":\"" + id + "\",\"resource\":\"" + resource + "\",\"afterMs\":" + afterMs + "}";
    }

    @Test
    void a_burst_of_notices_about_one_resource_leads_to_one_fetch_and_a_repeated_notice_to_none() {
        try (TestHub hub = TestHub.builder().connectors(new Notices()).start()) {
            String con = hub.createConnection("notices", "ml", Map.of());
            // n1's fetch waits 2 s, so n2 and n3 find it unstarted even on a loaded machine (300 ms was not always)
            for (String id : List.of("n1", "n2", "n3")) {
                assertThat(hub.hook(con, notice(id, "/orders/1", 2_000)).status()).isEqualTo(200);
            }
            assertThat(hub.hook(con, notice("n1", "/orders/1", 2_000)).status()).isEqualTo(200);
            assertThat(hub.hook(con, notice("n4", "/orders/2")).status()).isEqualTo(200);

            TestHub.await("both resources fetched", Duration.ofSeconds(10),
                    () -> hub.deliveries("connection=" + con + "&status=delivered").size() == 2);
            assertThat(Notices.FETCHED).containsExactlyInAnyOrder("/orders/1", "/orders/2");
            // the repeat of n1 stored nothing; n2 and n3 found n1's fetch waiting and were not run
            assertThat(hub.deliveries("connection=" + con + "&status=cancelled"))
                    .hasSize(2).allSatisfy(d -> assertThat(d.get("lastError").asText()).startsWith("coalesced"));
            assertThat(hub.deliveries("connection=" + con)).hasSize(4);
        }
    }

    @Test
    void a_fetch_that_fails_is_retried_on_the_connections_schedule_until_it_works() {
        Notices.FAILURES.put("/orders/9", new AtomicInteger(2));
        try (TestHub hub = TestHub.builder().connectors(new Notices()).start()) {
            String con = hub.createConnection("notices", "ml", Map.of());
            assertThat(hub.hook(con, notice("n9", "/orders/9")).status()).isEqualTo(200);
            TestHub.await("the fetch to work on its third attempt", Duration.ofSeconds(15),
                    () -> hub.deliveries("connection=" + con + "&status=delivered").size() == 1);
            JsonNode done = hub.deliveries("connection=" + con + "&status=delivered").get(0);
            assertThat(done.get("attempts").asInt()).isEqualTo(3);
            assertThat(done.get("action").asText()).isEqualTo("notice.fetch");
        }
    }

    @Test
    void a_follow_up_naming_an_action_the_connector_does_not_offer_stores_nothing() {
        try (TestHub hub = TestHub.builder().connectors(new Notices()).start()) {
            String con = hub.createConnection("notices", "ml", Map.of());
            var answer = hub.hook(con, "{\"id\":\"bad\",\"resource\":\"/x\",\"fetch\":\"order.cancel\"}");
            assertThat(answer.status()).isEqualTo(500);
            assertThat(hub.deliveries("connection=" + con)).isEmpty();
        }
    }
}
