package io.ponte.plugins.http;

import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A local stand-in for whatever {@code message.send} posts to (n8n, a script): takes any POST and answers 200 with
 * no body, as a Standard Webhooks receiver should (quickly, any 2xx); tests script other answers with
 * {@link #enqueue}. Addressed as {@code localhost}, as an admin would write the URL.
 */
final class FakeReceiver extends FakeProvider {

    @Override
    protected Answer answer(Recorded request) {
        return new Answer(200, Map.of(), new byte[0], Duration.ZERO);
    }

    /** The URL of a path (and query) on this receiver. */
    String url(String pathAndQuery) {
        return "http://localhost:" + root().getPort() + pathAndQuery;
    }

    /** The latest request. */
    Recorded last() {
        List<Recorded> requests = requests();
        if (requests.isEmpty()) {
            throw new AssertionError("the receiver got no request");
        }
        return requests.getLast();
    }
}
