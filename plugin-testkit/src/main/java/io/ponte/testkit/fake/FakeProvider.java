package io.ponte.testkit.fake;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ponte.api.message.MessageJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The base of every local stand-in for a provider's API: an HTTP server on a random loopback port that records each
 * request and answers it, first from the answers a test scripted ({@link #enqueue}), else from the provider's
 * documented behaviour, which a subclass writes in {@link #answer}. Tests wait on {@link #awaitRequests}, never on
 * the clock. Thread-safe; requests are served on virtual threads.
 *
 * <p>A subclass keeps only its provider's protocol: paths, auth, JSON shapes, error bodies.
 */
public abstract class FakeProvider implements AutoCloseable {

    /** Reads and writes JSON with the model's settings (exact decimals), as the hub does. */
    static final JsonMapper JSON = MessageJson.newMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private final Object arrivals = new Object();

    /** Starts serving on a random loopback port. */
    protected FakeProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * The provider's answer to a request no test scripted.
     *
     * @param request the request
     * @return the answer; never null
     */
    protected abstract Answer answer(Recorded request);

    /** The server's root, {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI root() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** Answers the next request with {@code answer} instead of the provider's behaviour (first in, first out). */
    public void enqueue(Answer answer) {
        scripted.add(answer);
    }

    /**
     * Answers the next {@code times} requests with {@code answer} (a provider's outage, a burst of rate limits).
     *
     * @since 2.1.0
     */
    public void enqueue(Answer answer, int times) {
        for (int i = 0; i < times; i++) {
            scripted.add(answer);
        }
    }

    /**
     * A loopback root where nothing listens (a port that was just free), to point a connection at a provider that
     * cannot be reached: the connection is refused at once.
     *
     * @since 2.1.0
     */
    public static URI nobodyListening() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every request so far, in arrival order. */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The requests so far that match. */
    public List<Recorded> requests(Predicate<Recorded> which) {
        return requests.stream().filter(which).toList();
    }

    /** Forgets the requests and the scripted answers. */
    public void reset() {
        requests.clear();
        scripted.clear();
    }

    /**
     * Waits until at least {@code count} requests that match have arrived.
     *
     * @return those requests
     * @throws AssertionError when they did not arrive within {@code timeout}, naming what did
     */
    public List<Recorded> awaitRequests(Predicate<Recorded> which, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (true) {
                List<Recorded> matching = requests(which);
                if (matching.size() >= count) {
                    return matching;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " matching requests within " + timeout
                            + ", got " + matching.size() + " of " + requests.stream()
                            .map(r -> r.method() + " " + r.path()).toList());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(arrivals, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for requests", e);
                }
            }
        }
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes());
            requests.add(request);
            synchronized (arrivals) {
                arrivals.notifyAll();
            }
            Answer scriptedAnswer = scripted.poll();
            Answer answer = scriptedAnswer != null ? scriptedAnswer : answer(request);
            if (!answer.delay().isZero()) {
                Thread.sleep(answer.delay());
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            boolean empty = answer.body().length == 0 || "HEAD".equals(request.method());
            exchange.sendResponseHeaders(answer.status(), empty ? -1 : answer.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
