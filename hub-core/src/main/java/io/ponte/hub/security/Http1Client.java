package io.ponte.hub.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 over pooled keep-alive sockets, on the calling (virtual) thread: what the hub's outbound calls to
 * providers go through, under the JDK {@link HttpClient} API that connectors see. Measured against the JDK client
 * it costs about 0.25 ms less CPU per exchange (BENCHMARKS.md, "What any relay pays here"): no selector thread, no
 * hand-offs between threads, no HTTP/2 machinery for a request that waits for its answer anyway.
 *
 * <p>What it covers: {@code http} and {@code https} (the client's {@link SSLContext} and {@link SSLParameters}, SNI,
 * {@code HTTPS} host name verification), request bodies of a known length, answers framed by
 * {@code Content-Length}, chunked or closed, no body for {@code HEAD}, 1xx, 204 and 304, interim 1xx answers
 * skipped. The answer's body is read as its {@link HttpResponse.BodySubscriber} asks for it, on the thread that
 * asks, so a subscriber that stops early (a size cap) stops the reading, and a stream handed back unread
 * ({@code ofInputStream}) is read by whoever reads it. The request's timeout is one deadline over connecting,
 * sending, the answer's head and the body read before {@code send} returns; a body read after that waits at most
 * the timeout for each piece. Cancelling an exchange closes its socket. A kept-alive connection is checked before
 * reuse (a non-blocking read: closed, or sent something unasked, it is dropped) and closed after
 * {@link #IDLE_NANOS} unused; when a reused connection fails before a byte of the answer came (the server closed it
 * as the request went out), an idempotent request ({@link #resendable}) is sent once more on a new one.
 *
 * <p>What it leaves to the JDK client ({@link #handles}): a request that asks for HTTP/2, one with
 * {@code Expect: 100-continue}, a body of unknown length, and every request of a client with a proxy, an
 * authenticator or a cookie handler. Everything else about the client (its connect timeout, TLS settings,
 * redirect policy) is the JDK client's.
 */
public final class Http1Client extends ForwardingHttpClient {

    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    // as many as the dispatcher runs actions at once by default: a burst to one provider does not churn connections
    static final int MAX_IDLE_PER_ORIGIN = 256;
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int CHUNK = 16 * 1024;
    private static final String USER_AGENT = "Java-http-client/" + System.getProperty("java.version");
    private static final boolean VERIFY_HOSTS =
            !Boolean.getBoolean("jdk.internal.httpclient.disableHostnameVerification");

    private final boolean usable;
    private volatile boolean closed;
    private final Map<String, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(System.nanoTime() + IDLE_NANOS);
    private final AtomicLong opened = new AtomicLong();

    /** @param client the JDK client it stands in for: its connect timeout, TLS settings, proxy and the like */
    public Http1Client(HttpClient client) {
        super(client);
        this.usable = client.proxy().isEmpty() && client.authenticator().isEmpty()
                && client.cookieHandler().isEmpty();
    }

    /** Whether this transport sends the request; otherwise the JDK client does. */
    boolean handles(HttpRequest request) {
        String scheme = request.uri().getScheme();
        return usable && request.uri().getHost() != null
                && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                && request.version().map(v -> v == HttpClient.Version.HTTP_1_1).orElse(true)
                && !request.expectContinue()
                && request.bodyPublisher().map(b -> b.contentLength() >= 0).orElse(true);
    }

    /** Sends on the calling thread. */
    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (!handles(request)) {
            return delegate.send(request, handler);
        }
        return send(request, handler, new AtomicReference<>());
    }

    /** HTTP/1.1 pushes nothing: the push promise handler is never called. */
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return handles(request) ? sendAsync(request, handler) : delegate.sendAsync(request, handler, push);
    }

    /** Sends on a virtual thread of its own; cancelling the future closes the exchange's socket. */
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        if (!handles(request)) {
            return delegate.sendAsync(request, handler);
        }
        AtomicReference<Connection> current = new AtomicReference<>();
        CompletableFuture<HttpResponse<T>> answer = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean cancelled = super.cancel(mayInterruptIfRunning);
                if (cancelled) {
                    Connection c = current.getAndSet(Connection.CANCELLED);
                    if (c != null) {
                        c.close();
                    }
                }
                return cancelled;
            }
        };
        Thread.ofVirtual().name("ponte-http").start(() -> {
            try {
                answer.complete(send(request, handler, current));
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
        return answer;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                     AtomicReference<Connection> current) throws IOException, InterruptedException {
        long deadline = request.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(0L);
        URI uri = request.uri();
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        String host = bare(uri.getHost());
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        String origin = (tls ? "https://" : "http://") + host.toLowerCase(Locale.ROOT) + ":" + port;
        byte[] head = head(request, uri, tls, port);
        for (int attempt = 0; ; attempt++) {
            Connection c = attempt == 0 ? reuse(origin, host) : null;
            boolean reused = c != null;
            try {
                if (c == null) {
                    c = open(host, port, tls, deadline, request.timeout().orElse(null));
                }
                if (!current.compareAndSet(null, c) && current.get() != c) {
                    c.close();
                    throw new IOException("the exchange was cancelled");
                }
                c.deadline(deadline);
                write(c, head, request, deadline);
                Head answer = readHead(c, request.method());
                return respond(request, handler, c, answer, origin, deadline, current);
            } catch (IOException | RuntimeException e) {
                if (c != null) {
                    c.close();
                    current.compareAndSet(c, null);
                }
                if (current.get() == Connection.CANCELLED || Thread.currentThread().isInterrupted()) {
                    Thread.interrupted();
                    throw new InterruptedException("the exchange was cancelled");
                }
                if (e instanceof SocketTimeoutException) {
                    throw new HttpTimeoutException("request timed out");
                }
                if (reused && c.answerBytes == 0 && !(e instanceof HttpTimeoutException) && attempt == 0
                        && resendable(request)) {
                    continue; // most likely the server closed the idle connection as the request went out
                }
                throw e;
            }
        }
    }

    /**
     * Whether a request that got no byte of answer on a reused connection may go out once more: the server most
     * likely closed the idle connection as the request left, but it may also have taken the request and died. So, as
     * RFC 9110 (9.2.2) allows, only an idempotent method, or a request the receiver dedupes by its idempotency key
     * (Stripe's {@code Idempotency-Key}, Mercado Pago's {@code X-Idempotency-Key}, Standard Webhooks'
     * {@code webhook-id}, which the {@code http} connector sends). The JDK client resends only {@code GET} and
     * {@code HEAD}.
     */
    static boolean resendable(HttpRequest request) {
        return switch (request.method()) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
            default -> request.headers().firstValue("Idempotency-Key").isPresent()
                    || request.headers().firstValue("X-Idempotency-Key").isPresent()
                    || request.headers().firstValue("webhook-id").isPresent();
        };
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static byte[] head(HttpRequest request, URI uri, boolean tls, int port) {
        StringBuilder out = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        out.append(request.method()).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
        }
        out.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (port != (tls ? 443 : 80)) {
            out.append(':').append(port);
        }
        out.append("\r\n");
        boolean agent = false;
        for (Map.Entry<String, List<String>> h : request.headers().map().entrySet()) {
            agent |= h.getKey().equalsIgnoreCase("User-Agent");
            for (String v : h.getValue()) {
                out.append(h.getKey()).append(": ").append(v).append("\r\n");
            }
        }
        if (!agent) {
            out.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        }
        long length = request.bodyPublisher().map(HttpRequest.BodyPublisher::contentLength).orElse(0L);
        if (length > 0 || !(request.method().equals("GET") || request.method().equals("HEAD")
                || request.method().equals("DELETE") || request.method().equals("OPTIONS"))) {
            out.append("Content-Length: ").append(length).append("\r\n");
        }
        return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- connections --------------------------------------------------------------------------------------------

    /**
     * A kept-alive connection to the origin, if one is fit. When the outbound policy pinned the host's addresses for
     * this request, the connection must lead to one of them: a connection opened while the name led elsewhere (a
     * private address another policy allowed, before its DNS changed) is not handed to a request checked against
     * the new answer.
     */
    private Connection reuse(String origin, String host) {
        ConcurrentLinkedDeque<Connection> q = idle.get(origin);
        long now = System.nanoTime();
        InetAddress[] pinned = q == null || q.isEmpty() ? null : PinnedResolver.pinned(host);
        for (Connection c; q != null && (c = q.pollFirst()) != null; ) {
            if (now - c.idleSince < IDLE_NANOS && (pinned == null || c.leadsTo(pinned)) && c.alive()) {
                c.answerBytes = 0;
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(String origin, Connection c) {
        c.idleSince = System.nanoTime();
        if (closed) {
            c.close();
            return;
        }
        ConcurrentLinkedDeque<Connection> q = idle.computeIfAbsent(origin, o -> new ConcurrentLinkedDeque<>());
        if (q.size() < MAX_IDLE_PER_ORIGIN) {
            q.offerFirst(c);
        } else {
            c.close();
        }
        long sweep = nextSweep.get();
        if (c.idleSince - sweep > 0 && nextSweep.compareAndSet(sweep, c.idleSince + IDLE_NANOS / 2)) {
            for (ConcurrentLinkedDeque<Connection> each : idle.values()) {
                each.removeIf(old -> {
                    boolean stale = c.idleSince - old.idleSince >= IDLE_NANOS;
                    if (stale) {
                        old.close();
                    }
                    return stale;
                });
            }
        }
    }

    private Connection open(String host, int port, boolean tls, long deadline, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            Socket plain = channel.socket();
            plain.setTcpNoDelay(true);
            long connectMillis = delegate.connectTimeout().map(Duration::toMillis).orElse(0L);
            if (deadline != 0) {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                connectMillis = connectMillis == 0 ? left : Math.min(connectMillis, left);
            }
            try {
                // the address the outbound policy just checked, when it pinned one (no second lookup)
                InetAddress[] pinned = PinnedResolver.pinned(host);
                InetSocketAddress to = pinned != null && pinned.length > 0 ? new InetSocketAddress(pinned[0], port)
                        : new InetSocketAddress(host, port);
                plain.connect(to, (int) Math.min(Integer.MAX_VALUE, connectMillis));
            } catch (SocketTimeoutException e) {
                throw new HttpConnectTimeoutException("HTTP connect timed out");
            }
            Socket socket = plain;
            if (tls) {
                SSLContext context = delegate.sslContext();
                SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
                SSLParameters p = delegate.sslParameters();
                if (VERIFY_HOSTS) {
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                }
                if (!host.contains(":") && !host.chars().allMatch(ch -> ch == '.' || Character.isDigit(ch))) {
                    p.setServerNames(List.of(new SNIHostName(host)));
                }
                p.setApplicationProtocols(new String[]{"http/1.1"});
                ssl.setSSLParameters(p);
                // the handshake is part of connecting: bounded as the connect is (and by the request's deadline)
                ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, connectMillis));
                try {
                    ssl.startHandshake();
                } catch (SocketTimeoutException e) {
                    throw new HttpConnectTimeoutException("TLS handshake timed out");
                }
                socket = ssl;
            }
            opened.incrementAndGet();
            return new Connection(channel, socket, timeout);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static int remainingMillis(long deadline, Duration timeout) throws HttpTimeoutException {
        if (deadline == 0) {
            return timeout == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new HttpTimeoutException("request timed out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** One socket, its read buffer and where its current exchange stands. */
    static final class Connection {
        static final Connection CANCELLED = new Connection();

        private final SocketChannel channel;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final Duration timeout;
        private final byte[] buf = new byte[CHUNK];
        private final AtomicBoolean closed = new AtomicBoolean();
        private int pos;
        private int lim;
        private volatile long deadline;
        volatile long idleSince;
        volatile long answerBytes;

        private Connection() {
            channel = null;
            socket = null;
            in = null;
            out = null;
            timeout = null;
        }

        Connection(SocketChannel channel, Socket socket, Duration timeout) throws IOException {
            this.channel = channel;
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), CHUNK);
            this.timeout = timeout;
        }

        void deadline(long deadline) {
            this.deadline = deadline;
        }

        boolean leadsTo(InetAddress[] addresses) {
            InetAddress remote = socket.getInetAddress();
            for (InetAddress a : addresses) {
                if (a.equals(remote)) {
                    return true;
                }
            }
            return false;
        }

        /** Still usable after lying idle: not closed by the server, nothing unasked sent on it. */
        boolean alive() {
            if (pos < lim || closed.get()) {
                return false;
            }
            try {
                channel.configureBlocking(false);
                try {
                    return channel.read(ByteBuffer.allocate(1)) == 0;
                } finally {
                    channel.configureBlocking(true);
                }
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        void close() {
            if (channel != null && closed.compareAndSet(false, true)) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        private boolean fill() throws IOException {
            socket.setSoTimeout(remainingMillis(deadline, timeout));
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            lim = n;
            answerBytes += n;
            return true;
        }

        /** One line without its CRLF, or null at the end of the stream before any byte of it. */
        String line(int[] budget) throws IOException {
            StringBuilder s = new StringBuilder(64);
            while (true) {
                if (pos == lim && !fill()) {
                    if (s.isEmpty()) {
                        return null;
                    }
                    throw new IOException("the connection closed inside an answer's head");
                }
                byte b = buf[pos++];
                if (--budget[0] < 0) {
                    throw new IOException("the answer's head is larger than " + MAX_HEAD_BYTES + " bytes");
                }
                if (b == '\n') {
                    int end = s.length();
                    if (end > 0 && s.charAt(end - 1) == '\r') {
                        s.setLength(end - 1);
                    }
                    return s.toString();
                }
                s.append((char) (b & 0xff));
            }
        }

        /** Up to {@code max} bytes (at least one), or -1 at the end of the stream. */
        int read(byte[] dst, int off, int max) throws IOException {
            if (pos == lim && !fill()) {
                return -1;
            }
            int n = Math.min(max, lim - pos);
            System.arraycopy(buf, pos, dst, off, n);
            pos += n;
            return n;
        }

        Optional<SSLSession> session() {
            return socket instanceof SSLSocket s ? Optional.of(s.getSession()) : Optional.empty();
        }
    }

    // ---- the exchange -------------------------------------------------------------------------------------------

    private static void write(Connection c, byte[] head, HttpRequest request, long deadline)
            throws IOException, InterruptedException {
        // buffered: the head and a small body leave in one write, usually one packet; a large body streams through
        c.out.write(head);
        HttpRequest.BodyPublisher body = request.bodyPublisher().orElse(null);
        if (body != null && body.contentLength() > 0) {
            long declared = body.contentLength();
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> done = new CompletableFuture<>();
            body.subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    try {
                        if (written.addAndGet(item.remaining()) > declared) {
                            throw new IOException("the request body is longer than the " + declared
                                    + " bytes it declared");
                        }
                        if (item.hasArray()) {
                            c.out.write(item.array(), item.arrayOffset() + item.position(), item.remaining());
                        } else {
                            byte[] copy = new byte[item.remaining()];
                            item.get(copy);
                            c.out.write(copy);
                        }
                    } catch (IOException e) {
                        subscription.cancel();
                        done.completeExceptionally(e);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    done.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    done.complete(null);
                }
            });
            try {
                if (deadline == 0) {
                    done.get();
                } else {
                    done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io
                        : new IOException("the request body could not be read: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new HttpTimeoutException("request timed out");
            }
            if (written.get() != declared) {
                throw new IOException("the request body was " + written.get() + " bytes, not the " + declared
                        + " it declared");
            }
        }
        c.out.flush();
    }

    private record Head(int status, HttpHeaders headers, long length, boolean chunked, boolean keepAlive) {
        static final long TO_CLOSE = -1;
    }

    private static Head readHead(Connection c, String method) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        while (true) {
            String status = c.line(budget);
            if (status == null) {
                throw new IOException("the server closed the connection before answering");
            }
            if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x answer: " + status.substring(0, Math.min(40, status.length())));
            }
            int code;
            try {
                code = Integer.parseInt(status.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status: " + status.substring(0, Math.min(40, status.length())));
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String h; !(h = c.line(budget)).isEmpty(); ) {
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("a malformed header line in the answer");
                }
                headers.computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>(1))
                        .add(h.substring(colon + 1).trim());
            }
            if (code == 101) {
                throw new IOException("the server switched protocols (101) unasked");
            }
            if (code >= 100 && code < 200) {
                continue; // an interim answer (100 Continue, 103 Early Hints): the real one follows
            }
            HttpHeaders all = HttpHeaders.of(headers, (n, v) -> true);
            boolean http11 = status.charAt(7) == '1';
            boolean close = all.allValues("Connection").stream()
                    .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("close"));
            boolean keepAlive = http11 ? !close : all.allValues("Connection").stream()
                    .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("keep-alive"));
            if (method.equals("HEAD") || code == 204 || code == 304) {
                return new Head(code, all, 0, false, keepAlive);
            }
            List<String> te = all.allValues("Transfer-Encoding");
            if (!te.isEmpty()) {
                if (!te.getLast().toLowerCase(Locale.ROOT).trim().endsWith("chunked")) {
                    return new Head(code, all, Head.TO_CLOSE, false, false);
                }
                return new Head(code, all, 0, true, keepAlive);
            }
            List<String> lengths = all.allValues("Content-Length");
            if (!lengths.isEmpty()) {
                long length;
                try {
                    length = Long.parseLong(lengths.getFirst());
                } catch (NumberFormatException e) {
                    throw new IOException("a malformed Content-Length in the answer: " + lengths.getFirst());
                }
                if (length < 0 || lengths.stream().anyMatch(l -> !l.equals(lengths.getFirst()))) {
                    throw new IOException("a malformed Content-Length in the answer: " + lengths);
                }
                return new Head(code, all, length, false, keepAlive);
            }
            return new Head(code, all, Head.TO_CLOSE, false, false);
        }
    }

    private <T> HttpResponse<T> respond(HttpRequest request, HttpResponse.BodyHandler<T> handler, Connection c,
                                        Head head, String origin, long deadline,
                                        AtomicReference<Connection> current)
            throws IOException, InterruptedException {
        HttpResponse.ResponseInfo info = new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return head.status();
            }

            @Override
            public HttpHeaders headers() {
                return head.headers();
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(info);
        Body body = new Body(c, head, subscriber, reusable -> {
            if (current.compareAndSet(c, null) && reusable && head.keepAlive()) {
                release(origin, c);
            } else {
                c.close();
            }
        });
        subscriber.onSubscribe(body);
        body.drain();
        T value;
        try {
            var future = subscriber.getBody().toCompletableFuture();
            value = deadline == 0 ? future.get()
                    : future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            body.cancel();
            throw new HttpTimeoutException("request timed out");
        } catch (ExecutionException e) {
            body.cancel();
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "the answer could not be read" : cause.toString(), cause);
        } catch (CancellationException e) {
            body.cancel();
            throw new IOException("the answer's body was cancelled", e);
        }
        c.deadline(0); // a body read later (a stream handed back) waits at most the timeout for each piece
        Optional<SSLSession> session = c.session();
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return head.status();
            }

            @Override
            public HttpRequest request() {
                return request;
            }

            @Override
            public Optional<HttpResponse<T>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return head.headers();
            }

            @Override
            public T body() {
                return value;
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return session;
            }

            @Override
            public URI uri() {
                return request.uri();
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }

            @Override
            public String toString() {
                return "(" + request.method() + " " + request.uri() + ") " + head.status();
            }
        };
    }

    /**
     * The answer's body as a subscription: each piece is read when asked for, on the thread that asks (a trampoline
     * keeps a subscriber asking from {@code onNext} from recursing, and one reader at a time).
     */
    private static final class Body implements Flow.Subscription {
        private final Connection c;
        private final Head head;
        private final HttpResponse.BodySubscriber<?> subscriber;
        private final java.util.function.Consumer<Boolean> finished;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private volatile boolean done;
        private long left;
        private boolean lastChunk;

        Body(Connection c, Head head, HttpResponse.BodySubscriber<?> subscriber,
             java.util.function.Consumer<Boolean> finished) {
            this.c = c;
            this.head = head;
            this.subscriber = subscriber;
            this.finished = finished;
            this.left = head.chunked() ? 0 : head.length();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("non-positive request: " + n));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            if (!cancelled && !done) {
                cancelled = true;
                c.close();
                finished.accept(false);
            }
        }

        /** Reads and hands over while there is demand; completes at the body's end (an empty body at once). */
        void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                try {
                    while (!done && !cancelled && (demand.get() > 0 || atEnd())) {
                        byte[] piece = next();
                        if (piece == null) {
                            done = true;
                            finished.accept(true);
                            subscriber.onComplete();
                        } else {
                            demand.decrementAndGet();
                            subscriber.onNext(List.of(ByteBuffer.wrap(piece)));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    if (!done && !cancelled) {
                        done = true;
                        cancelled = true;
                        c.close();
                        finished.accept(false);
                        subscriber.onError(e instanceof SocketTimeoutException
                                ? new HttpTimeoutException("request timed out") : e);
                    }
                }
            } while (wip.decrementAndGet() != 0);
        }

        /** Whether the body has ended without a read (so an empty body completes without being asked). */
        private boolean atEnd() {
            return !head.chunked() && head.length() != Head.TO_CLOSE && left == 0;
        }

        /** The next piece of the body, or null at its end. */
        private byte[] next() throws IOException {
            if (head.chunked()) {
                if (left == 0) {
                    if (lastChunk) {
                        return null;
                    }
                    int[] budget = {MAX_HEAD_BYTES};
                    String size = c.line(budget);
                    if (size == null) {
                        throw new IOException("the connection closed inside a chunked answer");
                    }
                    int ext = size.indexOf(';');
                    try {
                        left = Long.parseLong((ext < 0 ? size : size.substring(0, ext)).trim(), 16);
                    } catch (NumberFormatException e) {
                        throw new IOException("a malformed chunk size in the answer");
                    }
                    if (left == 0) {
                        lastChunk = true;
                        for (String t; (t = c.line(budget)) != null && !t.isEmpty(); ) {
                            // trailers: read past, not kept
                        }
                        return null;
                    }
                }
                byte[] piece = piece(left);
                left -= piece.length;
                if (left == 0) {
                    int[] budget = {2};
                    String crlf = c.line(budget);
                    if (crlf == null || !crlf.isEmpty()) {
                        throw new IOException("a chunk of the answer did not end with CRLF");
                    }
                }
                return piece;
            }
            if (head.length() == Head.TO_CLOSE) {
                byte[] b = new byte[CHUNK];
                int n = c.read(b, 0, b.length);
                return n < 0 ? null : n == b.length ? b : java.util.Arrays.copyOf(b, n);
            }
            if (left == 0) {
                return null;
            }
            byte[] piece = piece(left);
            left -= piece.length;
            return piece;
        }

        private byte[] piece(long upTo) throws IOException {
            byte[] b = new byte[(int) Math.min(CHUNK, upTo)];
            int n = c.read(b, 0, b.length);
            if (n < 0) {
                throw new IOException("the connection closed before the answer's body ended");
            }
            return n == b.length ? b : java.util.Arrays.copyOf(b, n);
        }
    }

    /** {@code HTTP_1_1}: what this client speaks (a request asking for HTTP/2 goes to the JDK client). */
    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }

    /**
     * Closes the kept-alive connections, and every connection that comes back after; exchanges under way finish. The
     * JDK client it stands in for is its owner's to close.
     */
    @Override
    public void close() {
        closed = true;
        for (ConcurrentLinkedDeque<Connection> q : idle.values()) {
            for (Connection c; (c = q.pollFirst()) != null; ) {
                c.close();
            }
        }
    }

    /** How many connections it opened since it was made. */
    public long openedConnections() {
        return opened.get();
    }

    /** How many kept-alive connections lie idle now. */
    public int idleConnections() {
        return idle.values().stream().mapToInt(ConcurrentLinkedDeque::size).sum();
    }
}
