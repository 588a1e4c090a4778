package io.ponte.plugins.instagram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.message.MessageJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** How {@link FakeInstagramApi} answers when nothing is scripted: Meta's paths, auth checks, shapes and errors. */
final class GraphBehaviour {

    private final String igUserId;
    private final String accessToken;
    private final AtomicLong messageCounter = new AtomicLong();
    private final AtomicLong traceCounter = new AtomicLong();

    GraphBehaviour(String igUserId, String accessToken) {
        this.igUserId = igUserId;
        this.accessToken = accessToken;
    }

    /** A Graph error envelope, as Meta writes it. */
    static String graphError(int code, Integer subcode, String message, String fbtraceId) {
        ObjectNode error = MessageJson.mapper().createObjectNode();
        ObjectNode inner = error.putObject("error").put("message", message).put("type", "OAuthException")
                .put("code", code);
        if (subcode != null) {
            inner.put("error_subcode", subcode);
        }
        inner.put("fbtrace_id", fbtraceId);
        return error.toString();
    }

    FakeInstagramApi.Scripted answer(FakeInstagramApi.RecordedRequest request, String username) {
        String authorization = request.header("authorization");
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()) : request.query().get("access_token");
        if (token == null || token.isEmpty()) {
            return json(400, graphError(104, null, "An access token is required to request this resource.",
                    nextTrace()), "OAuth \"Facebook Platform\" \"invalid_request\" \"An access token is required to "
                    + "request this resource.\"");
        }
        if (!token.equals(accessToken)) {
            return json(400, graphError(190, null, "Invalid OAuth access token - Cannot parse access token",
                    nextTrace()), "OAuth \"Facebook Platform\" \"invalid_token\" \"Invalid OAuth access token - "
                    + "Cannot parse access token\"");
        }
        String prefix = "/" + FakeInstagramApi.VERSION + "/";
        if (!request.path().startsWith(prefix)) {
            return json(400, graphError(2500, null, "Unknown path components: " + request.path(), nextTrace()), null);
        }
        String[] segments = request.path().substring(prefix.length()).split("/");
        String id = segments[0];
        boolean known = id.equals(igUserId) || id.equals("me");
        if (!known) {
            return json(400, graphError(100, 33, "Unsupported " + request.method().toLowerCase(Locale.ROOT)
                    + " request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing "
                    + "permissions, or does not support this operation. Please read the Graph API documentation at "
                    + "https://developers.facebook.com/docs/graph-api", nextTrace()), null);
        }
        if (segments.length == 1 && "GET".equals(request.method())) {
            return json(200, MessageJson.mapper().createObjectNode().put("id", igUserId).put("username", username)
                    .toString(), null);
        }
        if (segments.length == 2 && segments[1].equals("messages") && "POST".equals(request.method())) {
            return send(request.bodyJson());
        }
        return json(400, graphError(2500, null, "Unknown path components: /" + String.join("/", segments)
                .substring(id.length()), nextTrace()), null);
    }

    private FakeInstagramApi.Scripted send(JsonNode body) {
        String recipient = body == null ? null : body.path("recipient").path("id").asText(null);
        if (recipient == null || recipient.isEmpty()) {
            return json(400, graphError(100, null, "(#100) The parameter recipient is required", nextTrace()), null);
        }
        ObjectNode answer = MessageJson.mapper().createObjectNode().put("recipient_id", recipient);
        if (body.has("sender_action")) {
            return json(200, answer.toString(), null);
        }
        JsonNode message = body.get("message");
        if (message == null || !message.isObject()) {
            return json(400, graphError(100, null, "(#100) param message must be non-empty.", nextTrace()), null);
        }
        JsonNode text = message.get("text");
        if (text != null && text.asText().getBytes(StandardCharsets.UTF_8).length > 1000) {
            return json(400, graphError(100, null, "(#100) Length of param message[text] must be less than or equal "
                    + "to 1000", nextTrace()), null);
        }
        answer.put("message_id", nextMessageId());
        return json(200, answer.toString(), null);
    }

    private String nextMessageId() {
        String raw = "ig_item:1:IGMessageData:" + igUserId + ":3402823668417103012442760177231"
                + String.format("%08d", messageCounter.incrementAndGet());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    String nextTrace() {
        return "AFakeTrace" + traceCounter.incrementAndGet();
    }

    private static FakeInstagramApi.Scripted json(int status, String body, String wwwAuthenticate) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=UTF-8");
        if (wwwAuthenticate != null) {
            headers.put("WWW-Authenticate", wwwAuthenticate);
        }
        return new FakeInstagramApi.Scripted(status, body, headers, Duration.ZERO);
    }
}
