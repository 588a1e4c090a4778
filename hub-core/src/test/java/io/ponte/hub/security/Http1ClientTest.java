package io.ponte.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ponte.kit.AnswerTooLargeException;
import io.ponte.kit.CappedBody;
import io.ponte.kit.ProviderResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's HTTP/1.1 client against a scripted server that writes its answers byte by byte, over plain sockets and
 * TLS: framing, keep-alive and stale connections, deadlines, cancellation, caps, and what it leaves to the JDK.
 */
class Http1ClientTest {

    /** A request as the server read it. */
    record Seen(int connection, String method, String target, Map<String, String> headers, String body) {
    }

    /** Answers each request of a connection; returns false to close the connection after answering. */
    @FunctionalInterface
    interface Answer {
        boolean answer(Seen request, OutputStream out) throws IOException;
    }

    /** A server on 127.0.0.1 that reads requests and writes what the test's answer says, byte for byte. */
    static final class Scripted implements AutoCloseable {
        final ServerSocket server;
        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final List<String> serverNames = new CopyOnWriteArrayList<>();
        final AtomicInteger connections = new AtomicInteger();
        final List<Socket> sockets = new CopyOnWriteArrayList<>();
        final List<String> localAddresses = new CopyOnWriteArrayList<>();
        final CountDownLatch closedByClient = new CountDownLatch(1);

        Scripted(ServerSocket server, Answer answer) {
            this.server = server;
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        sockets.add(s);
                        localAddresses.add(s.getLocalAddress().getHostAddress());
                        int n = connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s, n, answer));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket s, int n, Answer answer) {
            try (s) {
                if (s instanceof SSLSocket ssl) {
                    ssl.startHandshake();
                    if (ssl.getSession() instanceof ExtendedSSLSession ext) {
                        ext.getRequestedServerNames().forEach(sn -> serverNames.add(((SNIHostName) sn).getAsciiName()));
                    }
                }
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (true) {
                    Seen r = read(in, n);
                    if (r == null) {
                        closedByClient.countDown();
                        return;
                    }
                    seen.add(r);
                    boolean keep = answer.answer(r, out);
                    out.flush();
                    if (!keep) {
                        return;
                    }
                }
            } catch (IOException e) {
                closedByClient.countDown();
            }
        }

        private static Seen read(InputStream in, int n) throws IOException {
            String line = line(in);
            if (line == null) {
                return null;
            }
            String[] parts = line.split(" ");
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String h; !(h = line(in)).isEmpty(); ) {
                int colon = h.indexOf(':');
                headers.merge(h.substring(0, colon).trim(), h.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
            String body;
            if ("chunked".equals(headers.get("Transfer-Encoding"))) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int size; (size = Integer.parseInt(line(in), 16)) > 0; line(in)) {
                    all.write(in.readNBytes(size));
                }
                line(in);
                body = all.toString(StandardCharsets.UTF_8);
            } else {
                body = new String(in.readNBytes(Integer.parseInt(headers.getOrDefault("Content-Length", "0"))),
                        StandardCharsets.UTF_8);
            }
            return new Seen(n, parts[0], parts[1], headers, body);
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    if (b.size() == 0) {
                        return null;
                    }
                    throw new IOException("closed inside a line");
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        URI uri(String scheme, String host, String path) {
            return URI.create(scheme + "://" + host + ":" + server.getLocalPort() + path);
        }

        URI uri(String path) {
            return uri("http", "127.0.0.1", path);
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    static void write(OutputStream out, String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    static final Answer OK = (r, out) -> {
        byte[] body = ("you sent " + r.method() + " " + r.target() + " " + r.body()).getBytes(StandardCharsets.UTF_8);
        write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nX-Two: a\r\nX-Two: b\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n");
        out.write(body);
        return true;
    };

    private static Path keyStore;
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final HttpClient jdk = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        // a self-signed certificate for "localhost" only (no IP address in it), made by the JDK's own keytool
        keyStore = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", new String(PASSWORD), "-keypass",
                new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    private static SSLContext tls(boolean server) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        if (server) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD);
            context.init(kmf.getKeyManagers(), null, null);
        } else {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            context.init(null, tmf.getTrustManagers(), null);
        }
        return context;
    }

    private Scripted server(Answer answer) throws IOException {
        Scripted s = new Scripted(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), answer);
        open.add(s);
        return s;
    }

    private Scripted tlsServer(Answer answer) throws Exception {
        SSLServerSocket socket = (SSLServerSocket) tls(true).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Scripted s = new Scripted(socket, answer);
        open.add(s);
        return s;
    }

    private Http1Client client(HttpClient jdkClient) {
        Http1Client c = new Http1Client(jdkClient);
        open.add(c::close);
        return c;
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        jdk.close();
    }

    private static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
    }

    @Test
    void sends_the_request_as_written_and_keeps_the_connection_for_the_next() throws Exception {
        Scripted server = server(OK);
        Http1Client http = client(jdk);

        HttpResponse<String> first = http.send(request(server.uri("/v1/messages?to=a%20b")).header("X-Key", "k1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"olá\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = http.send(request(server.uri("/v1/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("you sent POST /v1/messages?to=a%20b {\"text\":\"olá\"}");
        assertThat(first.headers().allValues("x-two")).containsExactly("a", "b");
        assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(first.sslSession()).isEmpty();
        assertThat(second.body()).isEqualTo("you sent GET /v1/health ");
        Seen post = server.seen.getFirst();
        assertThat(post.headers()).containsEntry("Host", "127.0.0.1:" + server.server.getLocalPort())
                .containsEntry("X-Key", "k1").containsEntry("Content-Length", "15")
                .containsEntry("User-Agent", "Java-http-client/" + System.getProperty("java.version"));
        assertThat(server.seen.get(1).headers()).doesNotContainKey("Content-Length");
        assertThat(server.connections.get()).as("one kept-alive connection for both").isEqualTo(1);
        assertThat(http.idleConnections()).isEqualTo(1);
    }

    @Test
    void reads_chunked_and_close_delimited_answers_and_no_body_where_there_is_none() throws Exception {
        Scripted server = server((r, out) -> {
            switch (r.target()) {
                case "/chunked" -> write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n");
                case "/interim" -> write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                        + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
                case "/head" -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
                case "/none" -> write(out, "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
                case "/cached" -> write(out, "HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n");
                case "/close" -> {
                    write(out, "HTTP/1.0 200 OK\r\n\r\nuntil the end");
                    return false;
                }
                default -> throw new IOException(r.target());
            }
            return true;
        });
        Http1Client http = client(jdk);

        assertThat(http.send(request(server.uri("/chunked")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("hello, world");
        HttpResponse<String> interim = http.send(request(server.uri("/interim")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(interim.statusCode()).isEqualTo(201);
        assertThat(interim.body()).isEqualTo("ok");
        assertThat(http.send(request(server.uri("/head")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString()).body()).isEmpty();
        assertThat(http.send(request(server.uri("/none")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(204);
        assertThat(http.send(request(server.uri("/cached")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEmpty();
        assertThat(server.connections.get()).as("every framed answer left the connection reusable").isEqualTo(1);

        assertThat(http.send(request(server.uri("/close")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("until the end");
        assertThat(http.send(request(server.uri("/none")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(204);
        assertThat(server.connections.get()).as("an answer ended by closing is not reused").isEqualTo(2);
    }

    @Test
    void a_kept_alive_connection_the_server_closed_is_replaced_and_an_idempotent_request_it_dropped_is_sent_again()
            throws Exception {
        Scripted server = server((r, out) -> OK.answer(r, out) && !r.target().equals("/quiet-close"));
        Http1Client http = client(jdk);

        http.send(request(server.uri("/quiet-close")).build(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(100); // the server's FIN arrives while the connection lies idle
        assertThat(http.send(request(server.uri("/after")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("you sent GET /after ");
        assertThat(server.connections.get()).isEqualTo(2);

        // a server that takes a request on a kept connection and hangs up without a byte of answer (an idle
        // timeout racing it, or a crash): an idempotent request, or one with an idempotency key, goes out once more
        Scripted dropping = server((r, out) -> {
            if (r.target().startsWith("/drop") && r.connection() == 1) {
                return false;
            }
            return OK.answer(r, out);
        });
        http.send(request(dropping.uri("/first")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = http.send(request(dropping.uri("/drop-keyed")).header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.body()).isEqualTo("you sent POST /drop-keyed x");
        assertThat(dropping.seen).extracting(Seen::connection).containsExactly(1, 1, 2);

        // a POST without one is not: the provider may have acted on it
        Scripted droppingPost = server((r, out) -> {
            if (r.target().equals("/drop") && r.connection() == 1) {
                return false;
            }
            return OK.answer(r, out);
        });
        http.send(request(droppingPost.uri("/first")).build(), HttpResponse.BodyHandlers.ofString());
        assertThatThrownBy(() -> http.send(request(droppingPost.uri("/drop"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class).hasMessageContaining("closed the connection before answering");
        assertThat(droppingPost.seen).hasSize(2);
        assertThat(Http1Client.resendable(request(droppingPost.uri("/")).PUT(HttpRequest.BodyPublishers.noBody())
                .build())).isTrue();
        assertThat(Http1Client.resendable(request(droppingPost.uri("/")).header("X-Idempotency-Key", "k")
                .POST(HttpRequest.BodyPublishers.noBody()).build())).isTrue();
        assertThat(Http1Client.resendable(request(droppingPost.uri("/")).header("webhook-id", "msg_1")
                .POST(HttpRequest.BodyPublishers.noBody()).build())).isTrue();
        assertThat(Http1Client.resendable(request(droppingPost.uri("/")).method("PATCH",
                HttpRequest.BodyPublishers.noBody()).build())).isFalse();
    }

    @Test
    void a_kept_alive_connection_is_not_reused_once_the_checked_address_of_its_host_changed() throws Exception {
        Scripted server = new Scripted(new ServerSocket(0), OK); // every local address: 127.0.0.1 and 127.0.0.2
        open.add(server);
        Http1Client http = client(jdk);
        String host = "pool.ponte-test.invalid";
        URI uri = URI.create("http://" + host + ":" + server.server.getLocalPort() + "/");
        try {
            PinnedResolver.pin(host, h -> new InetAddress[]{InetAddress.getByName("127.0.0.1")});
            http.send(request(uri).build(), HttpResponse.BodyHandlers.ofString());
            http.send(request(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(server.connections.get()).isEqualTo(1);

            // the policy checked the name again and its DNS now answers another address
            PinnedResolver.unpin(host);
            PinnedResolver.pin(host, h -> new InetAddress[]{InetAddress.getByName("127.0.0.2")});
            http.send(request(uri).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(server.connections.get()).isEqualTo(2);
            assertThat(server.localAddresses).containsExactly("127.0.0.1", "127.0.0.2");
        } finally {
            PinnedResolver.unpin(host);
        }
    }

    @Test
    void an_answer_cut_short_fails_and_is_not_sent_again() throws Exception {
        Scripted server = server((r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
            return false;
        });
        Http1Client http = client(jdk);

        assertThatThrownBy(() -> http.send(request(server.uri("/cut")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class).hasMessageContaining("before the answer's body ended");
        assertThat(server.seen).hasSize(1);

        Scripted garbage = server((r, out) -> {
            write(out, "SSH-2.0-OpenSSH\r\n\r\n");
            return false;
        });
        assertThatThrownBy(() -> http.send(request(garbage.uri("/")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP/1.x answer");
    }

    @Test
    void the_timeout_is_one_deadline_for_the_answer_and_its_body() throws Exception {
        Scripted silent = server((r, out) -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        });
        Scripted trickling = server((r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n");
            for (int i = 0; i < 50; i++) {
                write(out, "x");
                out.flush();
                try {
                    Thread.sleep(40); // every piece well within the timeout, the whole body not
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return true;
        });
        Http1Client http = client(jdk);

        long start = System.nanoTime();
        assertThatThrownBy(() -> http.send(request(silent.uri("/")).timeout(Duration.ofMillis(300)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> http.send(request(trickling.uri("/")).timeout(Duration.ofMillis(500)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        assertThat(http.idleConnections()).isZero();
    }

    @Test
    void a_connect_that_does_not_complete_is_a_connect_timeout() throws Exception {
        // a listener that never accepts, its backlog full: the kernel drops the next SYN, the connect hangs
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<java.nio.channels.SocketChannel> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open();
                    ch.configureBlocking(false);
                    ch.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()));
                    queued.add(ch);
                }
                Thread.sleep(200);
                Http1Client http = client(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofMillis(300)).build());
                assertThatThrownBy(() -> http.send(request(URI.create("http://127.0.0.1:" + full.getLocalPort()
                        + "/")).build(), HttpResponse.BodyHandlers.ofString()))
                        .isInstanceOf(HttpConnectTimeoutException.class);
            } finally {
                for (java.nio.channels.SocketChannel ch : queued) {
                    ch.close();
                }
            }
        }
    }

    @Test
    void a_tls_handshake_nobody_answers_is_a_connect_timeout() throws Exception {
        // a TCP listener that accepts and then says nothing: the ClientHello is never answered
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            Http1Client http = client(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofMillis(300)).sslContext(tls(false)).build());
            long start = System.nanoTime();
            assertThatThrownBy(() -> http.send(request(URI.create("https://localhost:" + silent.getLocalPort() + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpConnectTimeoutException.class)
                    .hasMessageContaining("TLS handshake");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void a_capped_body_stops_the_reading_and_the_connection() throws Exception {
        byte[] big = "y".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
        Scripted server = server((r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < big.length; i += 10_000) {
                write(out, Integer.toHexString(10_000) + "\r\n");
                out.write(big, i, 10_000);
                write(out, "\r\n");
            }
            write(out, "0\r\n\r\n");
            return true;
        });
        Http1Client http = client(jdk);

        assertThatThrownBy(() -> ProviderResponse.send(http, request(server.uri("/big")).build(), 1_000))
                .isInstanceOf(AnswerTooLargeException.class);
        assertThat(server.closedByClient.await(5, TimeUnit.SECONDS)).as("the socket was closed").isTrue();
        assertThat(http.idleConnections()).isZero();
        // a declared length past the cap is refused before a byte of the body is read
        Scripted declared = server((r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n");
            out.write(big, 0, 5000);
            return true;
        });
        assertThatThrownBy(() -> http.send(request(declared.uri("/")).build(), CappedBody.bytes(100)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void a_stream_handed_back_is_read_by_its_reader_and_its_connection_then_kept() throws Exception {
        Scripted server = server((r, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 40000\r\n\r\n");
            out.write("z".repeat(40_000).getBytes(StandardCharsets.US_ASCII));
            return true;
        });
        Http1Client http = client(jdk);

        HttpResponse<InputStream> response = http.send(request(server.uri("/file")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(http.idleConnections()).as("still reading").isZero();
        try (InputStream body = response.body()) {
            assertThat(body.readAllBytes()).hasSize(40_000);
        }
        assertThat(http.idleConnections()).isEqualTo(1);
    }

    @Test
    void cancelling_an_exchange_closes_its_socket() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        Scripted server = server((r, out) -> {
            asked.countDown();
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        });
        Http1Client http = client(jdk);

        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request(server.uri("/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asked.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(exchange.cancel(true)).isTrue();
        Socket accepted = server.sockets.getFirst();
        accepted.setSoTimeout(5_000);
        assertThat(accepted.getInputStream().read()).as("the client closed its end").isEqualTo(-1);
    }

    @Test
    void speaks_tls_with_sni_and_host_name_verification() throws Exception {
        Scripted server = tlsServer(OK);
        Http1Client trusting = client(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(tls(false)).build());

        HttpResponse<String> first = trusting.send(request(server.uri("https", "localhost", "/secure")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = trusting.send(request(server.uri("https", "localhost", "/again"))
                .POST(HttpRequest.BodyPublishers.ofString("z")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.body()).isEqualTo("you sent GET /secure ");
        assertThat(second.body()).isEqualTo("you sent POST /again z");
        assertThat(first.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).startsWith("TLS"));
        assertThat(server.serverNames).containsExactly("localhost");
        assertThat(server.connections.get()).isEqualTo(1);
        assertThat(server.seen.getFirst().headers()).containsEntry("Host", "localhost:" + server.server.getLocalPort());

        // the certificate names localhost, not 127.0.0.1; and a client that does not trust it refuses it
        assertThatThrownBy(() -> trusting.send(request(server.uri("https", "127.0.0.1", "/")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> client(jdk).send(request(server.uri("https", "localhost", "/")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void leaves_to_the_jdk_client_what_it_does_not_cover() throws Exception {
        Scripted server = server(OK);
        Http1Client http = client(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build());

        http.send(request(server.uri("/streamed")).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new java.io.ByteArrayInputStream(new byte[0]))).build(), HttpResponse.BodyHandlers.ofString());
        http.send(request(server.uri("/h2")).version(HttpClient.Version.HTTP_2).build(),
                HttpResponse.BodyHandlers.ofString());
        http.send(request(server.uri("/mine")).build(), HttpResponse.BodyHandlers.ofString());

        // the JDK client says who it is the same way; what tells them apart is how it frames an unknown length
        // and that it asks to upgrade to HTTP/2 (h2c) over plain http when HTTP/2 is asked for
        assertThat(server.seen.getFirst().headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(server.seen.get(1).headers().get("Upgrade")).isEqualTo("h2c");
        assertThat(server.seen.get(2).headers()).doesNotContainKeys("Upgrade", "Transfer-Encoding");
        assertThat(http.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(new Http1Client(HttpClient.newBuilder().proxy(java.net.ProxySelector.of(
                new java.net.InetSocketAddress("127.0.0.1", 1))).build())
                .handles(request(server.uri("/")).build())).isFalse();
        assertThat(http.handles(request(server.uri("/")).expectContinue(true).build())).isFalse();
    }
}
