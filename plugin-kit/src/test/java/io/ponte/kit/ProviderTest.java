package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.connector.Health;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every plugin's provider calls get from the kit, against a local fake provider. */
class ProviderTest {

    /** A provider that answers {"id":"m1"} to every POST /send and 404 to anything else. */
    static final class FakeApi extends FakeProvider {
        @Override
        protected Answer answer(Recorded request) {
            return request.path().equals("/send") ? Answer.json(200, "{\"id\":\"m1\"}")
                    : Answer.json(404, "{\"error\":\"no such path\"}");
        }
    }

    static final class NoConfig implements ConnectorFactory {
        @Override
        public ConnectorDescriptor descriptor() {
            return new ConnectorDescriptor("no-config", Category.GENERIC, "x", "x", ConfigSpec.of(), List.of(),
                    List.of());
        }

        @Override
        public Connector open(ConnectorContext context) {
            return new Connector() {
            };
        }
    }

    private final FakeApi api = new FakeApi();
    private final TestConnectorContext context = TestConnectorContext.of(new NoConfig(), "{}");

    @AfterEach
    void stop() {
        api.close();
    }

    private Provider provider(Provider.Builder builder) {
        return builder.healthyWhenAnswered("the API accepts the key").build();
    }

    private HttpRequest send() {
        return HttpRequest.newBuilder(api.root().resolve("/send")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }

    @Test
    void a_success_goes_to_the_plugins_reading_reports_the_connection_up_and_is_counted() {
        Provider p = provider(Provider.builder(context, "the API"));
        ActionResult r = p.call(send(), answer -> ActionResult.delivered(answer.status() + " "
                + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(r).isEqualTo(ActionResult.delivered("200 {\"id\":\"m1\"}"));
        assertThat(context.reportedHealth()).containsExactly(Health.up("the API accepts the key"));
        assertThat(context.recordedMetrics()).contains("provider.calls[outcome,delivered]");
        assertThat(api.requests()).singleElement().extracting(Recorded::method).isEqualTo("POST");
    }

    @Test
    void a_rate_limit_is_retried_no_sooner_than_the_providers_retry_after() {
        api.enqueue(Answer.json(429, "{}").withHeader("Retry-After", "7"));
        ActionResult r = provider(Provider.builder(context, "the API")).call(send(), a -> ActionResult.delivered("x"));
        assertThat(r).isEqualTo(ActionResult.retryAfter(Duration.ofSeconds(7), "the API answered HTTP 429"));
        assertThat(context.recordedMetrics()).contains("provider.calls[outcome,retry]");
    }

    @Test
    void refused_credentials_fail_the_action_and_report_the_connection_down() {
        api.enqueue(Answer.json(401, "{}"));
        ActionResult r = provider(Provider.builder(context, "the API")).call(send(), a -> ActionResult.delivered("x"));
        assertThat(r).isInstanceOf(ActionResult.Failed.class);
        assertThat(context.reportedHealth()).singleElement().extracting(Health::status)
                .isEqualTo(Health.Status.DOWN);
    }

    @Test
    void the_plugin_classifies_its_own_error_answers() {
        api.enqueue(Answer.json(400, "{\"code\":131047}"));
        Provider p = provider(Provider.builder(context, "the API").errors(answer ->
                Verdict.of(ActionResult.failed("outside the window: " + new String(answer.body())))));
        assertThat(p.call(send(), a -> ActionResult.delivered("x")))
                .isEqualTo(ActionResult.failed("outside the window: {\"code\":131047}"));
        assertThat(context.reportedHealth()).isEmpty();
    }

    @Test
    void no_answer_in_time_is_a_retry_naming_the_timeout_and_the_provider() {
        api.enqueue(Answer.json(200, "{}").after(Duration.ofSeconds(5)));
        ActionResult r = provider(Provider.builder(context, "the API").timeout(Duration.ofMillis(200)))
                .call(send(), a -> ActionResult.delivered("x"));
        assertThat(r).isEqualTo(ActionResult.retry("timed out after 200ms waiting for the API"));
        assertThat(context.recordedMetrics()).contains("provider.calls[outcome,retry]");
    }

    @Test
    void an_answer_over_the_cap_is_never_read_whole_and_is_retried() {
        api.enqueue(Answer.bytes(200, "application/json", new byte[64 * 1024]));
        ActionResult r = provider(Provider.builder(context, "the API").maxAnswerBytes(1024))
                .call(send(), a -> ActionResult.delivered("x"));
        assertThat(r).isInstanceOf(ActionResult.Retry.class);
        assertThat(((ActionResult.Retry) r).reason()).startsWith("could not read the answer of the API");
    }
}
