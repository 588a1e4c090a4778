package io.ponte.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile or broken provider on loopback: it answers every request, whatever the path, with {@code 200} and a
 * body far larger than any API answer, streamed chunked without a {@code Content-Length} (or, with
 * {@link #declaring}, announcing its length). It counts what it could write before the client hung up, so a test
 * proves that a connector stopped reading near its cap instead of taking the whole body into the heap.
 *
 * <p>Point a connection's base URL at {@link #baseUrl()}. Thread-safe; close it after the test.
 */
public final class OversizedProvider implements AutoCloseable {

    private static final int CHUNK = 16 * 1024;

    private final long bodyBytes;
    private final boolean declareLength;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final CompletableFuture<Boolean> firstAnswerEnded = new CompletableFuture<>();

    private OversizedProvider(long bodyBytes, boolean declareLength) {
        this.bodyBytes = bodyBytes;
        this.declareLength = declareLength;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
    }

    /**
     * A provider answering {@code bodyBytes} bytes chunked, with no {@code Content-Length}.
     *
     * @param bodyBytes the size of every answer's body (make it many times the cap under test)
     * @return the running provider
     */
    public static OversizedProvider chunked(long bodyBytes) {
        return new OversizedProvider(bodyBytes, false);
    }

    /**
     * A provider answering {@code bodyBytes} bytes with {@code Content-Length: bodyBytes}.
     *
     * @param bodyBytes the size of every answer's body
     * @return the running provider
     */
    public static OversizedProvider declaring(long bodyBytes) {
        return new OversizedProvider(bodyBytes, true);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The size of every answer's body. */
    public long bodyBytes() {
        return bodyBytes;
    }

    /** How many requests came. */
    public int requests() {
        return requests.get();
    }

    /** How many body bytes the provider wrote, over all answers, before each client hung up or the body ended. */
    public long bytesWritten() {
        return written.get();
    }

    /**
     * Waits until the first answer ended (at most 30 s, a guard against a hung test) and tells whether the client
     * hung up before the body's end.
     *
     * @return true when the client stopped reading early
     * @throws IllegalStateException when no answer ended within the guard
     */
    public boolean clientHungUpEarly() {
        try {
            return firstAnswerEnded.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the answer to end", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no answer ended: did the connector call " + baseUrl() + "?", e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        byte[] chunk = new byte[CHUNK];
        Arrays.fill(chunk, (byte) ' ');
        boolean hungUp = false;
        try (exchange) {
            exchange.sendResponseHeaders(200, declareLength ? bodyBytes : 0);
            OutputStream out = exchange.getResponseBody();
            for (long left = bodyBytes; left > 0; ) {
                int n = (int) Math.min(CHUNK, left);
                out.write(chunk, 0, n);
                written.addAndGet(n);
                left -= n;
            }
            out.close();
        } catch (IOException e) {
            hungUp = true;
        } finally {
            firstAnswerEnded.complete(hungUp);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
