package io.ponte.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The machine's ceiling for "take a webhook, deliver it": a bare Javalin server that parses each webhook, POSTs
 * {@code {"to","text"}} to the sink and answers once the
 * sink has. It stores nothing, dedupes nothing, signs nothing: the two HTTP exchanges and the JSON work every
 * relay pays, durable or not. No hub, and no Camel route, can deliver faster than this on the same machine under
 * the same load, so {@code relay ÷ Camel} bounds the hub/Camel ratio any implementation could reach here.
 *
 * <p>{@code --client=raw} (the default) sends through {@link RawClient}, a minimal HTTP/1.1 keep-alive client that
 * does only what this sink needs, so that the bound is set by the exchanges and not by one client library;
 * {@code --client=jdk} sends through the JDK {@code HttpClient} (HTTP/1.1, its default executor), {@code --client=jdk-hub}
 * through one configured as the hub's shared client is (HTTP/2 preferred, a virtual-thread executor).
 *
 * <p>Usage: {@code java -cp ... io.ponte.bench.Relay --port=N --sink=http://127.0.0.1:P/msg [--client=raw|jdk|jdk-hub]}. Answers
 * {@code POST /hooks/{id}} with {@code 200 {"received":1}} after delivering, {@code 500} when the sink did not
 * answer 2xx, and {@code GET /health/ready} with 200.
 */
public final class Relay {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Relay() {
    }

    public static void main(String[] argv) {
        Args args = new Args(argv);
        int port = args.port("port");
        URI sink = URI.create(args.string("sink", null));
        String clientName = args.string("client", "raw");
        Sender send = switch (clientName) {
            case "raw" -> new RawClient(sink)::post;
            case "jdk" -> jdk(sink, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
            // configured as the hub's shared client is: HTTP/2 preferred, virtual-thread executor, no redirects
            case "jdk-hub" -> jdk(sink, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
            default -> throw new IllegalArgumentException("--client must be raw, jdk or jdk-hub, got: " + clientName);
        };
        Javalin app = Ceiling.webhookServer(port, body -> {
            ObjectNode out = JSON.createObjectNode();
            out.set("to", body.get("from"));
            out.set("text", body.get("text"));
            int status = send.post(JSON.writeValueAsBytes(out));
            if (status / 100 != 2) {
                throw new IOException("the sink answered " + status); // Javalin answers 500: the relay failed
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "relay-stop"));
        app.start();
        System.out.println("{\"relay\":\"listening\",\"port\":" + port + ",\"sink\":\"" + sink + "\",\"client\":\""
                + clientName + "\"}");
    }

    /** POSTs one JSON body to the sink and returns the status code. */
    @FunctionalInterface
    private interface Sender {
        int post(byte[] json) throws IOException, InterruptedException;
    }

    private static Sender jdk(URI sink, HttpClient.Builder builder) {
        HttpClient client = builder.connectTimeout(Duration.ofSeconds(5)).build();
        return json -> client.send(HttpRequest.newBuilder(sink)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * HTTP/1.1 POSTs over a pool of kept-alive sockets, blocking (each caller is a virtual thread): the request's
     * bytes written at once, the status line and headers read, the body skipped by its {@code Content-Length}. No
     * TLS, redirects, chunked bodies or pipelining, which the sink does not need.
     */
    static final class RawClient {

        private final InetSocketAddress address;
        private final byte[] head;
        private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

        RawClient(URI target) {
            if (!"http".equals(target.getScheme())) {
                throw new IllegalArgumentException("the raw client speaks plain http only: " + target);
            }
            int port = target.getPort() < 0 ? 80 : target.getPort();
            address = new InetSocketAddress(target.getHost(), port);
            String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
            head = ("POST " + path + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        }

        int post(byte[] json) throws IOException {
            Connection reused = idle.pollFirst();
            if (reused != null) {
                try {
                    return exchange(reused, json);
                } catch (IOException closedWhileIdle) {
                    reused.close(); // the server may close an idle connection: one fresh try, as any client does
                }
            }
            return exchange(new Connection(address), json);
        }

        private int exchange(Connection c, byte[] json) throws IOException {
            try {
                c.out.write(head);
                c.out.write((json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                c.out.write(json);
                c.out.flush();
                String statusLine = c.line();
                if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
                    throw new IOException("not an HTTP/1.1 answer: " + statusLine);
                }
                int status = Integer.parseInt(statusLine.substring(9, 12));
                long length = 0;
                boolean close = false;
                for (String h = c.line(); !h.isEmpty(); h = c.line()) {
                    int colon = h.indexOf(':');
                    String name = colon < 0 ? h : h.substring(0, colon);
                    String value = colon < 0 ? "" : h.substring(colon + 1).strip();
                    if (name.equalsIgnoreCase("Content-Length")) {
                        length = Long.parseLong(value);
                    } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                        close = true;
                    } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        throw new IOException("chunked answers are not supported by the raw client");
                    }
                }
                c.in.skipNBytes(length);
                if (close) {
                    c.close();
                } else {
                    idle.offerFirst(c);
                }
                return status;
            } catch (IOException | RuntimeException e) {
                c.close();
                throw e;
            }
        }

        private static final class Connection {
            private final Socket socket;
            private final InputStream in;
            private final OutputStream out;
            private final StringBuilder line = new StringBuilder(64);

            Connection(InetSocketAddress address) throws IOException {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(address, 5_000);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream(), 4096);
                out = new BufferedOutputStream(socket.getOutputStream(), 4096);
            }

            /** One header line without its CRLF; throws at end of stream. */
            String line() throws IOException {
                line.setLength(0);
                for (int b = in.read(); b != '\n'; b = in.read()) {
                    if (b < 0) {
                        throw new IOException("the connection closed mid-answer");
                    }
                    if (b != '\r') {
                        line.append((char) b);
                    }
                }
                return line.toString();
            }

            void close() {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a broken connection: nothing left to do
                }
            }
        }
    }
}
