package io.ponte.hub.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A Server-Sent Events reader over {@code java.net.http}: parses the body line by line as the SSE spec says (fields
 * {@code id}, {@code event}, {@code data}; a blank line ends a message; lines starting with ':' are comments) and
 * collects the messages. Close to disconnect.
 */
public final class SseClient implements AutoCloseable {

    /** One message; {@code id} is null when the message set none. */
    public record Message(String id, String event, String data) {
    }

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final HttpResponse<InputStream> response;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Opens {@code path} of the hub with the token, sending {@code lastEventId} when not null. */
    public static SseClient open(TestHub hub, String token, String path, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(hub.uri(path)).GET()
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        try {
            return new SseClient(CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** The messages of one event type, in arrival order. */
    public List<Message> messages(String event) {
        return messages.stream().filter(m -> event.equals(m.event())).toList();
    }

    /** The id of the last message that carried one. */
    public String lastId() {
        String last = null;
        for (Message m : messages) {
            if (m.id() != null) {
                last = m.id();
            }
        }
        return last;
    }

    /** Waits until some message matches. */
    public void await(String what, Duration timeout, Predicate<Message> condition) {
        TestHub.await(what, timeout, () -> messages.stream().anyMatch(condition));
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            List<String> data = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        messages.add(new Message(id, event == null ? "message" : event, String.join("\n", data)));
                    }
                    id = null;
                    event = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data.add(value);
                        default -> { } // retry and unknown fields
                    }
                }
            }
        } catch (IOException e) {
            // closed by the test, or the hub went away
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
        reader.interrupt();
    }
}
