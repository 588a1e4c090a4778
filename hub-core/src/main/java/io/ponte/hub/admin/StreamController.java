package io.ponte.hub.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.ponte.hub.connections.ConnectionService;
import io.ponte.hub.connections.ConnectionView;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.json.HubJson;
import io.ponte.hub.security.Principal;
import io.ponte.hub.storage.ConversationMessageRow;
import io.ponte.hub.storage.ConversationRow;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.stream.ChangeFeed;
import io.ponte.hub.stream.ChangeFeed.Kind;
import io.ponte.hub.stream.StreamCursor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/stream}: the key's tenant's changes as Server-Sent Events, replayed from the database after the
 * {@code Last-Event-ID} a client sends back, then live. Each stream reads the {@link ChangeFeed} at its own pace, one
 * page at a time, so a slow client holds at most one page and simply reads further behind; nothing is queued for it
 * in memory and nothing is published on the pipeline's path.
 */
final class StreamController {

    static final int PAGE = 200;
    /** Well inside the 15 s the contract promises, and Jetty's 30 s idle timeout. */
    private static final long PING_MS = 10_000;
    private static final long POLL_MS = 500;
    private static final long HEALTH_MS = 2_000;

    private final ChangeFeed feed;
    private final ConnectionService connections;
    private volatile boolean closed;

    StreamController(ChangeFeed feed, ConnectionService connections) {
        this.feed = feed;
        this.connections = connections;
    }

    /** The health message of a connection. */
    record HealthView(String connectionId, String status, String detail, String breaker) {
        static HealthView of(ConnectionView c) {
            return new HealthView(c.id(), c.health() != null ? c.health().status() : c.status(),
                    c.health() != null ? c.health().detail() : c.statusDetail(),
                    c.breaker() == null ? null : c.breaker().state());
        }
    }

    /** A message of a conversation's history. */
    record MessageChange(String conversationId, ConversationsController.MessageView entry) {
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/stream", this::stream);
    }

    /** Ends every open stream (the hub is stopping). */
    void close() {
        closed = true;
    }

    private void stream(Context ctx) throws IOException {
        Principal who = Access.of(ctx);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        boolean health = types(ctx.queryParam("types"), kinds);
        String last = ctx.header("Last-Event-ID");
        if (last == null || last.isBlank()) {
            last = ctx.queryParam("lastEventId");
        }
        StreamCursor cursor = last == null || last.isBlank() ? StreamCursor.after(feed.horizon())
                : StreamCursor.parse(last.trim(), "Last-Event-ID");
        ctx.res().setStatus(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no"); // nginx: pass each message on at once
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        OutputStream out = ctx.res().getOutputStream();
        write(out, "retry: 2000\n\n");
        Map<String, HealthView> healthSent = new HashMap<>();
        long lastWrite = System.currentTimeMillis();
        long lastHealth = 0;
        while (!closed) {
            long now = System.currentTimeMillis();
            boolean wrote = false;
            if (health && now - lastHealth >= HEALTH_MS) {
                lastHealth = now;
                wrote = sendHealth(out, who, healthSent);
            }
            ChangeFeed.Page page = feed.after(who.tenant(), cursor, kinds, PAGE);
            StringBuilder sb = new StringBuilder();
            for (ChangeFeed.Change c : page.changes()) {
                sb.append("id: ").append(c.cursor()).append("\nevent: ").append(c.kind().wire())
                        .append("\ndata: ").append(json(view(c))).append("\n\n");
            }
            cursor = page.next();
            if (!sb.isEmpty()) {
                write(out, sb.toString());
                wrote = true;
            }
            if (wrote) {
                lastWrite = now;
            } else if (now - lastWrite >= PING_MS) {
                write(out, ": ping\n\n");
                lastWrite = now;
            }
            if (!page.more()) {
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends the health of each of the caller's connections that changed since last sent (all, the first time). */
    private boolean sendHealth(OutputStream out, Principal who, Map<String, HealthView> sent) throws IOException {
        Map<String, HealthView> now = new LinkedHashMap<>();
        for (ConnectionView c : connections.list()) {
            if (who.sees(c.tenant())) {
                now.put(c.id(), HealthView.of(c));
            }
        }
        StringBuilder sb = new StringBuilder();
        now.forEach((id, h) -> {
            if (!Objects.equals(sent.get(id), h)) {
                sb.append("event: health\ndata: ").append(json(h)).append("\n\n");
            }
        });
        sent.clear();
        sent.putAll(now);
        if (sb.isEmpty()) {
            return false;
        }
        write(out, sb.toString());
        return true;
    }

    /** Fills {@code kinds} from {@code types=a,b} (all when absent); whether health is wanted. */
    private static boolean types(String raw, Set<Kind> kinds) {
        if (raw == null || raw.isBlank()) {
            kinds.addAll(EnumSet.allOf(Kind.class));
            return true;
        }
        Map<String, Kind> byName = Arrays.stream(Kind.values()).collect(Collectors.toMap(Kind::wire, k -> k));
        boolean health = false;
        for (String t : raw.split(",")) {
            String name = t.trim();
            if (name.equals("health")) {
                health = true;
            } else if (byName.containsKey(name)) {
                kinds.add(byName.get(name));
            } else {
                throw new ValidationException("types", "has an unknown type '" + name
                        + "'; use a comma-separated list of event, delivery, message, conversation, health");
            }
        }
        return health;
    }

    private static Object view(ChangeFeed.Change c) {
        return switch (c.row()) {
            case EventRow r -> EventView.of(r, EventsController.json(r.body()), null);
            case DeliveryRow r -> DeliveryView.of(r, EventsController.json(r.input()));
            case ConversationRow r -> ConversationsController.ConversationView.of(r);
            case ConversationMessageRow r -> new MessageChange(r.conversationId(),
                    ConversationsController.MessageView.of(r));
            default -> throw new IllegalStateException("no view for " + c.kind());
        };
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String json(Object value) {
        try {
            return HubJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
