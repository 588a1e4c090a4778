package io.ponte.plugins.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for whatever {@code message.send} posts to (n8n, a script): records each request and answers
 * with a scripted response.
 */
final class FakeReceiver implements AutoCloseable {

    /** One recorded request; header names lower-cased. */
    record Received(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(",", values);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    final List<Received> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile Map<String, String> responseHeaders = Map.of();
    private volatile String responseBody = "";
    private volatile Duration delay = Duration.ZERO;

    FakeReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(), headers,
                    exchange.getRequestBody().readAllBytes()));
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                exchange.close();
                return;
            }
            responseHeaders.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = responseBody.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Answers every request with this. */
    FakeReceiver answer(int status, String body, String... headers) {
        this.status = status;
        this.responseBody = body;
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        this.responseHeaders = map;
        return this;
    }

    /** Waits this long before answering. */
    FakeReceiver delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** The URL of a path on this receiver. */
    String url(String pathAndQuery) {
        return "http://localhost:" + server.getAddress().getPort() + pathAndQuery;
    }

    Received last() {
        if (requests.isEmpty()) {
            throw new AssertionError("the receiver got no request");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
