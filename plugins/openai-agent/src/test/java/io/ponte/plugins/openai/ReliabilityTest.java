package io.ponte.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Health;
import io.ponte.plugins.openai.fake.FakeChatCompletions;
import io.ponte.plugins.openai.fake.FakeChatCompletions.Answer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReliabilityTest {

    private final FakeChatCompletions fake = new FakeChatCompletions();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void retries_a_rate_limit_after_the_retry_after_ms_the_server_asked() {
        Agents a = new Agents(fake, "{}");
        fake.enqueue(Answer.rateLimited(1500L, 2), Answer.text("depois da espera"));

        ActionResult r = a.say("oi");

        assertThat(a.waits.waits).containsExactly(Duration.ofMillis(1500));
        assertThat(fake.requestedModels()).containsExactly("gpt-4o-mini", "gpt-4o-mini");
        assertThat(Agents.text(a.replies().get(0))).isEqualTo("depois da espera");
        assertThat(r).isInstanceOf(ActionResult.Delivered.class);
    }

    @Test
    void falls_back_to_retry_after_seconds_and_caps_long_waits_at_ten_seconds() {
        Agents a = new Agents(fake, "{}");
        fake.enqueue(Answer.rateLimited(null, 3), Answer.rateLimited(null, 27), Answer.text("ok"));

        a.say("oi");

        assertThat(a.waits.waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    @Test
    void moves_to_the_next_model_after_the_retries_of_a_rate_limited_one() {
        Agents a = new Agents(fake, "{\"fallbackModels\":[\"gpt-4.1-mini\"],\"maxRetries\":1}");
        fake.failModel("gpt-4o-mini", 429);
        fake.enqueueFor("gpt-4.1-mini", Answer.text("do reserva"));

        a.say("oi");

        assertThat(fake.requestedModels()).containsExactly("gpt-4o-mini", "gpt-4o-mini", "gpt-4.1-mini");
        assertThat(a.waits.waits).containsExactly(Duration.ofMillis(500));
        assertThat(Agents.text(a.replies().get(0))).isEqualTo("do reserva");
    }

    @Test
    void a_server_error_goes_to_the_next_model_and_then_to_the_fallback_reply() {
        Agents a = new Agents(fake, """
                {"fallbackModels":["gpt-4o"],"maxRetries":1,"fallbackReply":"Estamos com instabilidade."}""");
        fake.failModel("gpt-4o-mini", 500).failModel("gpt-4o", 503);

        ActionResult r = a.say("oi");

        assertThat(fake.requestedModels()).containsExactly("gpt-4o-mini", "gpt-4o-mini", "gpt-4o", "gpt-4o");
        assertThat(a.replies()).singleElement().satisfies(d -> {
            assertThat(Agents.text(d)).isEqualTo("Estamos com instabilidade.");
            assertThat(d.externalId()).startsWith("reply:");
        });
        assertThat(r).isInstanceOfSatisfying(ActionResult.Delivered.class, d -> {
            assertThat(d.output().get("fallback").asBoolean()).isTrue();
            assertThat(d.output().get("reason").asText()).contains("gpt-4o").contains("503");
        });
    }

    @Test
    void without_a_fallback_reply_every_model_failing_asks_the_hub_to_retry() {
        Agents a = new Agents(fake, "{\"fallbackModels\":[\"gpt-4o\"],\"maxRetries\":0}");
        fake.failModel("gpt-4o-mini", 503).failModel("gpt-4o", 500);

        ActionResult r = a.say("oi");

        assertThat(r).isInstanceOfSatisfying(ActionResult.Retry.class,
                retry -> assertThat(retry.reason()).contains("every model failed"));
        assertThat(a.context.emitted()).isEmpty();
    }

    @Test
    void a_timeout_counts_as_a_failure_of_that_model() {
        Agents a = new Agents(fake, "{\"fallbackModels\":[\"gpt-4o\"],\"maxRetries\":0,\"timeoutSeconds\":1}");
        fake.enqueueFor("gpt-4o-mini", Answer.text("tarde demais").after(Duration.ofSeconds(3)));
        fake.enqueueFor("gpt-4o", Answer.text("a tempo"));

        a.say("oi");

        assertThat(fake.requestedModels()).containsExactly("gpt-4o-mini", "gpt-4o");
        assertThat(a.replies()).extracting(Agents::text).containsExactly("a tempo");
    }

    @Test
    void never_retries_an_exhausted_quota_nor_tries_other_models_with_it() {
        Agents a = new Agents(fake, "{\"fallbackModels\":[\"gpt-4o\"]}");
        fake.enqueue(Answer.insufficientQuota());

        ActionResult r = a.say("oi");

        assertThat(fake.requestedModels()).containsExactly("gpt-4o-mini");
        assertThat(a.waits.waits).isEmpty();
        assertThat(r).isInstanceOfSatisfying(ActionResult.Retry.class,
                retry -> assertThat(retry.reason()).contains("insufficient_quota"));
        assertThat(a.context.reportedHealth()).extracting(Health::status).containsExactly(Health.Status.DOWN);
    }

    @Test
    void a_refused_api_key_fails_the_reply_and_reports_the_connection_down() {
        Agents a = new Agents(fake, "{\"apiKey\":\"sk-wrong-key-000\",\"fallbackModels\":[\"gpt-4o\"],"
                + "\"fallbackReply\":\"x\"}");

        ActionResult r = a.say("oi");

        assertThat(r).isInstanceOfSatisfying(ActionResult.Failed.class, f -> assertThat(f.reason())
                .contains("401").contains("invalid_api_key").doesNotContain("sk-wrong-key-000"));
        assertThat(fake.requests()).hasSize(1);
        assertThat(a.context.reportedHealth()).singleElement().satisfies(h -> {
            assertThat(h.status()).isEqualTo(Health.Status.DOWN);
            assertThat(h.detail()).doesNotContain("sk-wrong-key-000");
        });
        assertThat(a.context.emitted()).isEmpty();
    }

    @Test
    void reports_up_again_once_a_call_works() {
        Agents a = new Agents(fake, "{}");
        fake.enqueue(Answer.insufficientQuota(), Answer.text("ok"));
        a.say("um");
        a.say("dois");
        assertThat(a.context.reportedHealth()).extracting(Health::status)
                .containsExactly(Health.Status.DOWN, Health.Status.UP);
    }

    @Test
    void the_health_check_looks_the_model_up_with_the_key() {
        Agents good = new Agents(fake, "{}");
        Agents bad = new Agents(fake, "{\"apiKey\":\"sk-wrong-key-000\"}");
        assertThat(good.agent.health().status()).isEqualTo(Health.Status.UP);
        assertThat(bad.agent.health()).satisfies(h -> {
            assertThat(h.status()).isEqualTo(Health.Status.DOWN);
            assertThat(h.detail()).contains("401");
        });
    }
}
