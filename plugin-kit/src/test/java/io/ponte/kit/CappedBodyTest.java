package io.ponte.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ponte.testkit.OversizedProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CappedBodyTest {

    private static final int CAP = 64 * 1024;
    private static final long HUGE = 256L * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
        http.close();
    }

    @Test
    void stops_reading_a_chunked_answer_as_soon_as_it_passes_the_cap() {
        try (OversizedProvider provider = OversizedProvider.chunked(HUGE)) {
            assertThatThrownBy(() -> http.send(get(provider.baseUrl()), CappedBody.bytes(CAP)))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(AnswerTooLargeException.in(e)).hasValueSatisfying(tooLarge -> {
                        assertThat(tooLarge.maxBytes()).isEqualTo(CAP);
                        assertThat(tooLarge).hasMessage("the provider's answer is larger than 65536 bytes");
                    }));

            assertThat(provider.clientHungUpEarly()).as("the client hung up before the body's end").isTrue();
            assertThat(provider.bytesWritten()).as("what the provider could write before the client hung up")
                    .isLessThan(HUGE / 8);
        }
    }

    @Test
    void refuses_an_answer_whose_declared_length_passes_the_cap_without_reading_its_body() {
        try (OversizedProvider provider = OversizedProvider.declaring(HUGE)) {
            assertThatThrownBy(() -> ProviderResponse.send(http, get(provider.baseUrl()), CAP))
                    .isInstanceOf(AnswerTooLargeException.class)
                    .hasMessage("the provider's answer is larger than 65536 bytes");

            assertThat(provider.clientHungUpEarly()).isTrue();
            assertThat(provider.bytesWritten()).isLessThan(HUGE / 8);
        }
    }

    @Test
    void keeps_an_answer_of_exactly_the_cap_whole() throws Exception {
        byte[] body = new byte[CAP];
        Arrays.fill(body, (byte) 'a');
        serve(exchange -> {
            exchange.getResponseHeaders().add("X-Request-Id", "req_1");
            exchange.sendResponseHeaders(201, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });

        ProviderResponse response = ProviderResponse.send(http, get(serverUrl()), CAP);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.successful()).isTrue();
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.header("x-request-id")).hasValue("req_1");
        assertThat(response.header("X-REQUEST-ID")).hasValue("req_1");
        assertThat(response.header("retry-after")).isEmpty();
    }

    @Test
    void fails_an_answer_one_byte_over_the_cap() {
        serve(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[CAP + 1]);
            }
        });

        assertThatThrownBy(() -> ProviderResponse.send(http, get(serverUrl()), CAP))
                .isInstanceOf(AnswerTooLargeException.class);
    }

    @Test
    void the_timeout_bounds_the_whole_answer_not_only_its_headers() {
        serve(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"trickling\":".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        HttpRequest slow = HttpRequest.newBuilder(URI.create(serverUrl())).timeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> ProviderResponse.send(http, slow, CAP)).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void a_cap_below_one_byte_is_a_programming_error() {
        assertThatThrownBy(() -> CappedBody.bytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url + "/v1/anything")).build();
    }

    private void serve(com.sun.net.httpserver.HttpHandler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
    }

    private String serverUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
