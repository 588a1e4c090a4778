package io.ponte.hub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.ponte.hub.json.HubJson;
import io.ponte.hub.mcp.HubMcpServer;
import io.ponte.hub.mcp.McpCaller;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@code /mcp}: the hub's MCP server (Streamable HTTP) behind the admin API's door — the same API key check, 401
 * problem, failed-authentication budget, per-key rate limit, body cap and security headers — then handed to the
 * SDK's transport servlet.
 *
 * <p>The servlet runs inside a Javalin handler rather than beside Javalin on Jetty, so that every one of those checks
 * is the admin API's own code instead of a copy in a servlet filter. The SDK starts servlet async processing for its
 * SSE streams; inside Javalin that is Javalin's async ({@code ctx.future}), so the request is given a stand-in
 * {@link AsyncContext} whose {@code complete()} completes the future (and Javalin then completes the real one).
 */
final class McpController {

    private final HubMcpServer mcp;
    private final HttpPolicy http;

    McpController(HubMcpServer mcp, HttpPolicy http) {
        this.mcp = mcp;
        this.http = http;
    }

    void register(JavalinConfig config, Consumer<Context> admit) {
        config.routes.before("/mcp", ctx -> {
            String origin = ctx.header("Origin");
            if (origin != null && !http.allowsOrigin(origin)) {
                // a browser page of another origin (DNS rebinding) gets nothing, as the MCP transport requires
                throw new ForbiddenException("requests from the origin " + origin + " are not allowed "
                        + "(PONTE_CORS_ORIGINS)");
            }
            admit.accept(ctx);
            http.adminBody(ctx);
        });
        config.routes.post("/mcp", this::serve);
        config.routes.get("/mcp", this::serve);
        config.routes.delete("/mcp", this::serve);
    }

    private void serve(Context ctx) {
        byte[] body = ctx.method() == HandlerType.POST ? ctx.bodyAsBytes() : new byte[0];
        String session = ctx.header("Mcp-Session-Id");
        ctx.req().setAttribute(McpCaller.KEY, new McpCaller(Access.of(ctx), session, jsonRpcId(body)));
        if (ctx.method() == HandlerType.DELETE && session != null) {
            mcp.sessionClosed(session);
        }
        Exchange exchange = new Exchange(ctx.req(), ctx.res(), body);
        ctx.future(() -> {
            ctx.req().getAsyncContext().addListener(exchange.forwarder());
            try {
                mcp.servlet().service(exchange, ctx.res());
            } catch (jakarta.servlet.ServletException | IOException e) {
                throw new java.io.UncheckedIOException(new IOException(e));
            }
            if (exchange.async == null) {
                exchange.done.complete(null); // answered at once (the initialize result, an error)
            }
            return exchange.done;
        });
    }

    /** The text of a JSON-RPC request's {@code id}, or null (a notification, a response, not JSON). */
    private static String jsonRpcId(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = HubJson.mapper().readTree(body);
            JsonNode id = node == null ? null : node.get("id");
            return id == null || id.isNull() || !node.has("method") ? null : id.toString();
        } catch (IOException e) {
            return null; // the transport answers the malformed message itself
        }
    }

    /** The request as the transport sees it: the body already read (and capped), async as a stand-in. */
    private static final class Exchange extends HttpServletRequestWrapper {

        private final byte[] body;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final List<AsyncListener> listeners = new CopyOnWriteArrayList<>();
        private final ServletResponse response;
        private volatile StandIn async;

        Exchange(HttpServletRequest request, ServletResponse response, byte[] body) {
            super(request);
            this.response = response;
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener readListener) {
                    throw new IllegalStateException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public AsyncContext startAsync() {
            return startAsync(this, response);
        }

        @Override
        public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
            async = new StandIn(this, response);
            return async;
        }

        @Override
        public boolean isAsyncStarted() {
            return async != null && !done.isDone();
        }

        @Override
        public AsyncContext getAsyncContext() {
            if (async == null) {
                throw new IllegalStateException("async not started");
            }
            return async;
        }

        /** Passes the real request's end (the client went away, an error) to the transport's listeners. */
        AsyncListener forwarder() {
            return new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) throws IOException {
                    for (AsyncListener l : listeners) {
                        l.onComplete(event);
                    }
                }

                @Override
                public void onTimeout(AsyncEvent event) throws IOException {
                    for (AsyncListener l : listeners) {
                        l.onTimeout(event);
                    }
                    done.complete(null);
                }

                @Override
                public void onError(AsyncEvent event) throws IOException {
                    for (AsyncListener l : listeners) {
                        l.onError(event);
                    }
                    done.complete(null);
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                    // the real async is Javalin's; the transport's start is the stand-in's
                }
            };
        }

        /** What the transport holds while it streams: completing it ends the response (Javalin finishes it). */
        private final class StandIn implements AsyncContext {

            private final ServletRequest request;
            private final ServletResponse response;

            StandIn(ServletRequest request, ServletResponse response) {
                this.request = request;
                this.response = response;
            }

            @Override
            public ServletRequest getRequest() {
                return request;
            }

            @Override
            public ServletResponse getResponse() {
                return response;
            }

            @Override
            public boolean hasOriginalRequestAndResponse() {
                return false;
            }

            // /mcp answers in place: there is no other servlet path to hand the request to
            @Override
            public void dispatch() {
                throw notDispatched();
            }

            @Override
            public void dispatch(String path) {
                throw notDispatched();
            }

            @Override
            public void dispatch(ServletContext context, String path) {
                throw notDispatched();
            }

            private IllegalStateException notDispatched() {
                return new IllegalStateException("/mcp streams its answer in place; it dispatches to no other path");
            }

            @Override
            public void complete() {
                done.complete(null);
            }

            @Override
            public void start(Runnable run) {
                Thread.ofVirtual().start(run);
            }

            @Override
            public void addListener(AsyncListener listener) {
                listeners.add(listener);
            }

            @Override
            public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
                listeners.add(listener);
            }

            @Override
            public <T extends AsyncListener> T createListener(Class<T> type) throws ServletException {
                try {
                    return type.getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new ServletException("cannot create the listener " + type.getName(), e);
                }
            }

            @Override
            public void setTimeout(long timeout) {
                // no timeout: the stream lasts until the client or the session ends it
            }

            @Override
            public long getTimeout() {
                return 0;
            }
        }
    }
}
