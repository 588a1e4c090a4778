package io.ponte.hub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.json.HubJson;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * A local receiver for the {@code http} connector's {@code message.send}, on the test kit's fake-provider base:
 * records every request answered with a 2xx (headers and JSON body) and answers what the test says (200 by
 * default).
 */
public final class HttpSink extends FakeProvider {

    /** One received request. */
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return HubJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("sink got non-JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What to answer. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer ok() {
            return new Answer(200, "{\"id\":\"ext-1\"}", Map.of());
        }

        public static Answer status(int status) {
            return new Answer(status, "{\"error\":\"test\"}", Map.of());
        }
    }

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile Function<Received, Answer> responder = r -> Answer.ok();

    public String url(String path) {
        return root() + path;
    }

    public void respond(Function<Received, Answer> responder) {
        this.responder = responder;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public int count() {
        return received.size();
    }

    @Override
    protected io.ponte.testkit.fake.Answer answer(Recorded request) {
        Received r = new Received(request.path(), request.headers(), request.bodyText());
        Answer answer = responder.apply(r);
        if (answer.status() >= 200 && answer.status() < 300) {
            received.add(r);
        }
        io.ponte.testkit.fake.Answer out = io.ponte.testkit.fake.Answer.json(answer.status(),
                answer.body() == null ? "" : answer.body());
        for (Map.Entry<String, String> h : answer.headers().entrySet()) {
            out = out.withHeader(h.getKey(), h.getValue());
        }
        return out;
    }
}
