package io.ponte.plugins.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** How {@link FakeBotApi} reads method parameters and writes answers on the wire. */
final class BotApiWire {

    private BotApiWire() {
    }

    /**
     * A call's parameters, as the Bot API accepts them: a JSON body, or query string and form fields (then every
     * value is a string).
     */
    static JsonNode parameters(String query, Map<String, List<String>> headers, byte[] body) {
        List<String> type = headers.getOrDefault("content-type", List.of(""));
        if (body.length > 0 && type.get(0).startsWith("application/json")) {
            try {
                return BotApiShapes.JSON.readTree(body);
            } catch (IOException e) {
                return BotApiShapes.JSON.createObjectNode();
            }
        }
        ObjectNode form = BotApiShapes.JSON.createObjectNode();
        for (String source : new String[] {query, new String(body, StandardCharsets.UTF_8)}) {
            if (source == null || source.isEmpty()) {
                continue;
            }
            for (String pair : source.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                form.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** Answers with a status and body; a scripted Content-Type already set is kept. */
    static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
