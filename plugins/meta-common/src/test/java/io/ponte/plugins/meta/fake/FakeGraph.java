package io.ponte.plugins.meta.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.meta.MetaWebhooks;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every Meta product's fake shares of the Graph API: the version prefix of {@link #baseUrl()}, the token check
 * (none: code 104; another: code 190 with {@code WWW-Authenticate}), Graph's error envelope ({@link #error}) with
 * numbered trace ids, an unknown object's code 100 / subcode 33, and webhooks signed as Meta signs them
 * ({@link #signedWebhook}). A subclass writes its product's endpoints in {@link #endpoint}. Recording, scripting
 * ({@code enqueue}) and waiting ({@code awaitRequests}) come from {@link FakeProvider}. Thread-safe.
 */
public abstract class FakeGraph extends FakeProvider {

    /** The API version of {@link #baseUrl()}. */
    public static final String VERSION = "v21.0";

    private final int refusedTokenStatus;
    private final AtomicLong traces = new AtomicLong();
    private volatile String accessToken;

    /**
     * A fake accepting one token.
     *
     * @param accessToken        the token it accepts
     * @param refusedTokenStatus the status of a code-190 answer (WhatsApp's Cloud API says 401, Instagram 400)
     */
    protected FakeGraph(String accessToken, int refusedTokenStatus) {
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.refusedTokenStatus = refusedTokenStatus;
    }

    /**
     * A request that passed the token check.
     *
     * @param request the request
     * @param path    its path without the version prefix ({@code /1234/messages}); other paths as they came
     * @return the product's answer
     */
    protected abstract Answer endpoint(Recorded request, String path);

    /** The connection's {@code apiBaseUrl}: {@code http://127.0.0.1:<port>/v21.0}. */
    public String baseUrl() {
        return root() + "/" + VERSION;
    }

    /** The token it accepts. */
    public String accessToken() {
        return accessToken;
    }

    /** Accepts another token from now on (and refuses the old one), as after a rotation or a revocation. */
    public void acceptToken(String token) {
        this.accessToken = Objects.requireNonNull(token, "token");
    }

    /** The latest request; fails when there was none. */
    public Recorded lastRequest() {
        List<Recorded> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("the fake Graph API got no request");
        }
        return all.getLast();
    }

    /**
     * The JSON bodies POSTed to a {@code /messages} edge, oldest first, whatever the answer (refused and scripted
     * ones included); a body that is not JSON as a text node.
     */
    public List<JsonNode> sentMessages() {
        return requests(r -> "POST".equals(r.method()) && r.path().endsWith("/messages")).stream()
                .map(FakeGraph::json).toList();
    }

    /**
     * A Graph error answer, as Meta writes it, with the next trace id ({@code AFakeTrace1}, ...).
     *
     * @param status  the HTTP status
     * @param code    {@code error.code}
     * @param subcode {@code error.error_subcode}, or null
     * @param message {@code error.message}
     * @param details {@code error.error_data.details}, or null
     */
    public Answer error(int status, int code, Integer subcode, String message, String details) {
        return Answer.json(status, graphError(code, subcode, message, details, "AFakeTrace" + traces.incrementAndGet()));
    }

    /** Answers the next request with {@link #error} (no details). */
    public void failNext(int status, int code, Integer subcode, String message) {
        enqueue(error(status, code, subcode, message, null));
    }

    /** Graph's error envelope: {@code {"error":{"message","type","code","error_subcode","error_data","fbtrace_id"}}}. */
    public static String graphError(int code, Integer subcode, String message, String details, String fbtraceId) {
        ObjectNode root = PluginJson.mapper().createObjectNode();
        ObjectNode error = root.putObject("error").put("message", message).put("type", "OAuthException")
                .put("code", code);
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        if (details != null) {
            error.putObject("error_data").put("details", details);
        }
        error.put("fbtrace_id", fbtraceId);
        return root.toString();
    }

    /** Graph's answer for an object that does not exist or that the token may not see: code 100, subcode 33. */
    protected Answer unknownObject(Recorded request, String id) {
        return error(400, 100, 33, "Unsupported " + request.method().toLowerCase(Locale.ROOT) + " request. Object "
                + "with ID '" + id + "' does not exist, cannot be loaded due to missing permissions, or does not "
                + "support this operation. Please read the Graph API documentation at "
                + "https://developers.facebook.com/docs/graph-api", null);
    }

    @Override
    protected final Answer answer(Recorded request) {
        String authorization = request.header("authorization");
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()) : request.queryParams().get("access_token");
        if (token == null || token.isEmpty()) {
            return error(400, 104, null, "An access token is required to request this resource.", null)
                    .withHeader("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_request\" \"An access "
                            + "token is required to request this resource.\"");
        }
        if (!token.equals(accessToken)) {
            return error(refusedTokenStatus, 190, null, "Invalid OAuth access token - Cannot parse access token",
                    null).withHeader("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_token\" \"Invalid "
                    + "OAuth access token - Cannot parse access token\"");
        }
        String prefix = "/" + VERSION;
        String path = request.path().startsWith(prefix + "/") ? request.path().substring(prefix.length())
                : request.path();
        return endpoint(request, path);
    }

    private static JsonNode json(Recorded request) {
        try {
            return request.bodyJson();
        } catch (RuntimeException e) {
            return TextNode.valueOf(request.bodyText());
        }
    }

    /**
     * A webhook as Meta POSTs it: the exact body bytes and the headers, {@code X-Hub-Signature-256} included.
     *
     * @param body    the raw body
     * @param headers {@code Content-Type} and {@code X-Hub-Signature-256}
     */
    public record SignedWebhook(byte[] body, Map<String, String> headers) {

        /** Copies the headers. */
        public SignedWebhook {
            headers = Map.copyOf(headers);
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** {@code X-Hub-Signature-256}. */
        public String headerName() {
            return MetaWebhooks.SIGNATURE_HEADER;
        }

        /** The signature header's value, {@code sha256=<hex>}. */
        public String signature() {
            return headers.get(MetaWebhooks.SIGNATURE_HEADER);
        }

        /** The POST a receiver gets for it. */
        public WebhookRequest toRequest() {
            Map<String, List<String>> map = new LinkedHashMap<>();
            headers.forEach((name, value) -> map.put(name, List.of(value)));
            return new WebhookRequest("POST", map, Map.of(), body);
        }
    }

    /** Signs a webhook body with the app secret, as Meta does: {@code X-Hub-Signature-256: sha256=<hex>}. */
    public static SignedWebhook signedWebhook(String appSecret, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(MetaWebhooks.SIGNATURE_HEADER, MetaWebhooks.signatureHeader(appSecret, bytes));
        return new SignedWebhook(bytes, headers);
    }
}
