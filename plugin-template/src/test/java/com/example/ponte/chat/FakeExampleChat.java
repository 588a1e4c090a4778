package com.example.ponte.chat;

import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local Example Chat: {@code POST /v1/messages} (bearer token, {@code Idempotency-Key}: a key seen before gets the
 * first answer again and sends nothing) and {@code GET /v1/me}; errors as {@code {"error":{"code","message"}}}.
 * Tests script outages and slow answers with {@link #enqueue}.
 */
final class FakeExampleChat extends FakeProvider {

    static final String TOKEN = "ect_test_0123456789abcdef";

    private final Map<String, Answer> sent = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    protected Answer answer(Recorded request) {
        if (!("Bearer " + TOKEN).equals(request.header("authorization"))) {
            return error(401, "unauthorized", "invalid token");
        }
        return switch (request.method() + " " + request.path()) {
            case "GET /v1/me" -> Answer.json(200, "{\"id\":\"bot_1\",\"name\":\"Example bot\"}");
            case "POST /v1/messages" -> send(request);
            default -> error(404, "not_found", "no such endpoint");
        };
    }

    /** How many messages were really sent (replays of an idempotency key not counted). */
    int sentCount() {
        return sent.size();
    }

    private Answer send(Recorded request) {
        var body = request.bodyJson();
        if (!body.path("to").isTextual() || !body.path("text").isTextual()) {
            return error(400, "invalid_request", "to and text are required");
        }
        String key = request.header("idempotency-key");
        if (key == null) {
            return Answer.json(201, "{\"id\":\"msg_" + ids.incrementAndGet() + "\"}");
        }
        return sent.computeIfAbsent(key, k -> Answer.json(201, "{\"id\":\"msg_" + ids.incrementAndGet() + "\"}"));
    }

    static Answer error(int status, String code, String message) {
        return Answer.json(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }
}
