package io.ponte.plugins.pipedrive;

import static io.ponte.plugins.pipedrive.Companies.signed;
import static io.ponte.plugins.pipedrive.Companies.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.plugins.pipedrive.fake.PipedriveWebhooks;
import io.ponte.testkit.TestConnectorContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Pipedrive's webhooks carry HTTP Basic credentials and nothing else: the reference vectors decide. */
class WebhookAuthTest {

    private static final byte[] BODY = PipedriveWebhooks.fixture("person-create.json");

    private static WebhookReceiver receiver(String user, String password) {
        TestConnectorContext context = TestConnectorContext.of(new PipedriveConnectorFactory(), """
                {"apiToken":"abc123","companyDomain":"acme","webhookUser":"%s","webhookPassword":"%s",
                 "apiBaseUrl":"http://127.0.0.1:9"}""".formatted(user, password));
        return Companies.open(context).webhook().orElseThrow();
    }

    @Test
    void accepts_every_vector_marked_accept_and_refuses_every_vector_marked_reject_with_401() throws Exception {
        JsonNode vectors = Companies.json(new String(getClass().getResourceAsStream(
                "/pipedrive/basic-auth-vectors.json").readAllBytes(), StandardCharsets.UTF_8)).get("vectors");
        int checked = 0;
        for (JsonNode v : vectors) {
            if (!v.has("expected_authorization_header")) {
                continue;
            }
            String header = v.get("expected_authorization_header").asText();
            String user = v.get("http_auth_user").asText();
            String password = v.get("http_auth_password").asText();
            assertThat(PipedriveWebhooks.basic(user, password)).isEqualTo(header);
            // the connection holds the accepted credentials of the vector's user
            WebhookReceiver receiver = receiver(user, "wrong".equals(password) ? Companies.PASSWORD : password);
            if (v.get("expect").asText().startsWith("accept")) {
                assertThat(receiver.receive(webhook(BODY, header)).envelopes()).hasSize(1);
            } else {
                assertThatThrownBy(() -> receiver.receive(webhook(BODY, header)))
                        .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status())
                                .isEqualTo(401));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }

    @Test
    void refuses_a_webhook_without_credentials_or_with_a_wrong_user_with_401() {
        WebhookReceiver receiver = receiver(Companies.USER, Companies.PASSWORD);
        for (String header : new String[] {null, "Bearer x", "Basic !!!",
                PipedriveWebhooks.basic("someone-else", Companies.PASSWORD),
                PipedriveWebhooks.basic(Companies.USER, Companies.PASSWORD + "x")}) {
            assertThatThrownBy(() -> receiver.receive(webhook(BODY, header)))
                    .isInstanceOfSatisfying(WebhookRejectedException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).doesNotContain(Companies.PASSWORD);
                    });
        }
    }

    @Test
    void refuses_a_body_that_is_no_v2_event_with_400_and_answers_unknown_entities_with_nothing() {
        WebhookReceiver receiver = receiver(Companies.USER, Companies.PASSWORD);
        for (String body : new String[] {"not json", "[]", "{\"data\":{}}",
                "{\"v\":1,\"meta\":{\"object\":\"deal\",\"action\":\"updated\",\"id\":8}}"}) {
            assertThatThrownBy(() -> receiver.receive(signed(body.getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOfSatisfying(WebhookRejectedException.class, e -> assertThat(e.status())
                            .isEqualTo(400));
        }
        assertThat(receiver.receive(signed(PipedriveWebhooks.fixture("lead-change.json"))).envelopes()).isEmpty();
        assertThat(receiver.receive(signed(PipedriveWebhooks.fixture("user-change.json"))).envelopes()).isEmpty();
        assertThat(receiver.receive(signed(PipedriveWebhooks.fixture("deal-delete.json"))).envelopes()).isEmpty();
    }
}
