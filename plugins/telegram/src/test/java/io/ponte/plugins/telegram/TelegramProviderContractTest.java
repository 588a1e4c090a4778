package io.ponte.plugins.telegram;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import io.ponte.testkit.ProviderContract;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.Recorded;
import java.util.function.Predicate;

/** The shared provider contract (plugin-testkit), applied to telegram's message.send against the fake Bot API. */
class TelegramProviderContractTest extends ProviderContract<FakeBotApi> {

    @Override
    protected ConnectorFactory factory() {
        return new TelegramConnectorFactory();
    }

    @Override
    protected FakeBotApi startFake() {
        return new FakeBotApi();
    }

    @Override
    protected String config(FakeBotApi fake) {
        return """
                {"botToken":"%s","secretToken":"%s","apiBaseUrl":"%s"}"""
                .formatted(fake.token(), Bots.SECRET, fake.baseUrl());
    }

    @Override
    protected ActionRequest sampleAction(String deliveryId, int attempt) {
        return new ActionRequest("message.send", Bots.json("{\"to\":\"123456789\",\"text\":\"hi\"}"), null,
                deliveryId, attempt);
    }

    @Override
    protected Predicate<Recorded> isSampleCall() {
        return r -> r.path().endsWith("/sendMessage");
    }

    @Override
    protected Answer outage() {
        return Answer.json(502, Bots.fixture("api/error-502.json"));
    }

    @Override
    protected Answer refusal() {
        return Answer.json(400, Bots.fixture("api/error-400-chat-not-found.json"));
    }

    /** Telegram's flood control names the wait in {@code parameters.retry_after}, with no header. */
    @Override
    protected Answer rateLimited(int seconds) {
        return Answer.json(429, """
                {"ok":false,"error_code":429,"description":"Too Many Requests: retry after %d",
                 "parameters":{"retry_after":%d}}""".formatted(seconds, seconds));
    }

    /** The Bot API takes no idempotency key: a retried send may reach Telegram twice (at least once). */
    @Override
    protected boolean providerTakesIdempotencyKeys() {
        return false;
    }
}
