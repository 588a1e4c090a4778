package io.ponte.plugins.hubspot.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local fake of HubSpot's CRM v3 objects API, speaking its wire format: {@code Authorization: Bearer} checked
 * (else 401 {@code INVALID_AUTHENTICATION}), {@code POST /crm/v3/objects/contacts/search} (filter groups ORed,
 * filters ANDed, {@code EQ} only), {@code POST /crm/v3/objects/{contacts|deals|notes}} with inline associations
 * (a contact whose e-mail exists: 409 {@code CONFLICT} "Contact already exists. Existing ID: n"),
 * {@code PATCH} and {@code GET /crm/v3/objects/{type}/{id}} (with {@code ?associations=contacts}), errors as
 * {@code {"status":"error","message","correlationId","category"}}. Recording, scripting ({@link #enqueue}) and
 * waiting ({@link #awaitRequests}) come from {@link FakeProvider}; this class adds HubSpot's 429
 * ({@link #rateLimitNext}), 5xx ({@link #serverErrorNext}) and signed webhooks ({@link #signed}). Thread-safe.
 */
public final class FakeHubSpot extends FakeProvider {

    /** The token {@link #FakeHubSpot()} accepts. Made up; shaped like a private app token. */
    public static final String TOKEN = "pat-na1-00000000-fake-ponte-token-0123456789";
    /** The client secret the tests sign webhooks with (the reference vectors' secret). */
    public static final String CLIENT_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OBJECT = Pattern.compile("/crm/v3/objects/(contacts|deals|notes)(?:/([0-9]+))?");
    private static final Instant EPOCH = Instant.parse("2026-01-01T10:00:00Z");

    /** One stored object: its id, properties and associations ({@code contacts}/{@code deals} → ids). */
    public record Stored(String id, ObjectNode properties, Map<String, List<String>> associations, Instant createdAt,
                         Instant updatedAt) {
    }

    private final Map<String, Map<String, Stored>> objects = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(500);
    private final AtomicLong ticks = new AtomicLong();

    /** Starts serving. */
    public FakeHubSpot() {
        for (String type : List.of("contacts", "deals", "notes")) {
            objects.put(type, new ConcurrentHashMap<>());
        }
    }

    /** The base URL to configure as {@code apiBaseUrl}. */
    public String baseUrl() {
        return root().toString();
    }

    /** The contacts, by id, in creation order. */
    public List<Stored> contacts() {
        return sorted("contacts");
    }

    /** The deals, in creation order. */
    public List<Stored> deals() {
        return sorted("deals");
    }

    /** The notes, in creation order. */
    public List<Stored> notes() {
        return sorted("notes");
    }

    /** Stores a contact as if made in HubSpot's UI; its id. */
    public String putContact(Map<String, String> properties) {
        return store("contacts", JSON.valueToTree(properties), Map.of()).id();
    }

    /** Changes a stored object's properties as HubSpot's UI would (a new {@code updatedAt}). */
    public void change(String type, String id, Map<String, String> properties) {
        Stored s = objects.get(type).get(id);
        s.properties().setAll((ObjectNode) JSON.valueToTree(properties));
        objects.get(type).put(id, new Stored(id, s.properties(), s.associations(), s.createdAt(), tick()));
    }

    /** Answers the next {@code count} requests 429 with HubSpot's body and rate-limit headers (burst exhausted). */
    public void rateLimitNext(int count, long intervalMillis) {
        for (int i = 0; i < count; i++) {
            enqueue(Answer.json(429, """
                    {"status":"error","message":"You have reached your secondly limit.","errorType":"RATE_LIMIT",
                     "correlationId":"%s","policyName":"SECONDLY","requestId":"%s"}""".formatted(UUID.randomUUID(),
                            UUID.randomUUID()))
                    .withHeader("X-HubSpot-RateLimit-Max", "100")
                    .withHeader("X-HubSpot-RateLimit-Remaining", "0")
                    .withHeader("X-HubSpot-RateLimit-Interval-Milliseconds", Long.toString(intervalMillis))
                    .withHeader("X-HubSpot-RateLimit-Daily", "250000")
                    .withHeader("X-HubSpot-RateLimit-Daily-Remaining", "249000"));
        }
    }

    /** Answers the next {@code count} requests with a 5xx and HubSpot's error body. */
    public void serverErrorNext(int count, int status) {
        enqueue(error(status, "INTERNAL_ERROR", "internal error"), count);
    }

    @Override
    protected Answer answer(Recorded request) {
        if (!("Bearer " + TOKEN).equals(request.header("authorization"))) {
            return error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found. This API supports "
                    + "OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
        }
        if (request.method().equals("POST") && request.path().equals("/crm/v3/objects/contacts/search")) {
            return search(request.bodyJson());
        }
        Matcher m = OBJECT.matcher(request.path());
        if (!m.matches()) {
            return error(404, "OBJECT_NOT_FOUND", "resource not found");
        }
        String type = m.group(1);
        String id = m.group(2);
        return switch (request.method() + (id == null ? "" : " id")) {
            case "POST" -> create(type, request.bodyJson());
            case "PATCH id" -> patch(type, id, request.bodyJson());
            case "GET" -> list(type, request.queryParams().getOrDefault("limit", "10"));
            case "GET id" -> get(type, id, request.queryParams().getOrDefault("associations", ""));
            default -> error(405, "VALIDATION_ERROR", "method not allowed");
        };
    }

    private synchronized Answer search(JsonNode body) {
        List<Stored> found = new ArrayList<>();
        for (Stored s : contacts()) {
            for (JsonNode group : body.path("filterGroups")) {
                boolean all = true;
                for (JsonNode f : group.path("filters")) {
                    all &= "EQ".equals(f.path("operator").asText())
                            && f.path("value").asText().equalsIgnoreCase(s.properties().path(
                                    f.path("propertyName").asText()).asText(null));
                }
                if (all) {
                    found.add(s);
                    break;
                }
            }
        }
        ObjectNode out = JSON.createObjectNode().put("total", found.size());
        ArrayNode results = out.putArray("results");
        found.stream().limit(body.path("limit").asInt(10)).forEach(s -> results.add(view(s, "")));
        return Answer.json(200, out);
    }

    private synchronized Answer create(String type, JsonNode body) {
        if (!body.path("properties").isObject()) {
            return error(400, "VALIDATION_ERROR", "Invalid input JSON: properties is required");
        }
        String email = body.path("properties").path("email").asText("");
        if (type.equals("contacts") && !email.isEmpty()) {
            for (Stored s : contacts()) {
                if (email.equalsIgnoreCase(s.properties().path("email").asText())) {
                    return error(409, "CONFLICT", "Contact already exists. Existing ID: " + s.id());
                }
            }
        }
        Map<String, List<String>> associations = new LinkedHashMap<>();
        for (JsonNode a : body.path("associations")) {
            String to = a.path("to").path("id").asText();
            int typeId = a.path("types").path(0).path("associationTypeId").asInt();
            String target = switch (type + ":" + typeId) {
                case "deals:3", "notes:202" -> "contacts";
                case "notes:214" -> "deals";
                default -> null;
            };
            if (target == null || !"HUBSPOT_DEFINED".equals(a.path("types").path(0).path("associationCategory")
                    .asText()) || !objects.get(target).containsKey(to)) {
                return error(400, "VALIDATION_ERROR", "invalid association " + a);
            }
            associations.computeIfAbsent(target, k -> new ArrayList<>()).add(to);
        }
        return Answer.json(201, view(store(type, (ObjectNode) body.get("properties").deepCopy(), associations), ""));
    }

    private synchronized Answer patch(String type, String id, JsonNode body) {
        Stored s = objects.get(type).get(id);
        if (s == null) {
            return error(404, "OBJECT_NOT_FOUND", "resource not found");
        }
        s.properties().setAll((ObjectNode) body.path("properties").deepCopy());
        Stored changed = new Stored(id, s.properties(), s.associations(), s.createdAt(), tick());
        objects.get(type).put(id, changed);
        return Answer.json(200, view(changed, ""));
    }

    private Answer get(String type, String id, String associations) {
        Stored s = objects.get(type).get(id);
        return s == null ? error(404, "OBJECT_NOT_FOUND", "resource not found") : Answer.json(200, view(s,
                associations));
    }

    private Answer list(String type, String limit) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("results");
        sorted(type).stream().limit(limit.matches("[0-9]{1,3}") ? Long.parseLong(limit) : 10)
                .forEach(s -> results.add(view(s, "")));
        return Answer.json(200, out);
    }

    private Stored store(String type, ObjectNode properties, Map<String, List<String>> associations) {
        String id = Long.toString(ids.incrementAndGet());
        Instant now = tick();
        Stored s = new Stored(id, properties, associations, now, now);
        objects.get(type).put(id, s);
        return s;
    }

    private Instant tick() {
        return EPOCH.plusMillis(ticks.incrementAndGet());
    }

    private List<Stored> sorted(String type) {
        return objects.get(type).values().stream()
                .sorted(java.util.Comparator.comparingLong(s -> Long.parseLong(s.id()))).toList();
    }

    private static ObjectNode view(Stored s, String associations) {
        ObjectNode out = JSON.createObjectNode().put("id", s.id());
        ObjectNode p = out.putObject("properties");
        p.setAll(s.properties());
        p.put("hs_object_id", s.id()).put("createdate", s.createdAt().toString())
                .put("lastmodifieddate", s.updatedAt().toString());
        out.put("createdAt", s.createdAt().toString()).put("updatedAt", s.updatedAt().toString())
                .put("archived", false);
        if (associations.contains("contacts") && s.associations().containsKey("contacts")) {
            ArrayNode results = out.putObject("associations").putObject("contacts").putArray("results");
            s.associations().get("contacts").forEach(c -> results.addObject().put("id", c)
                    .put("type", "deal_to_contact"));
        }
        return out;
    }

    /** HubSpot's error body. */
    public static Answer error(int status, String category, String message) {
        ObjectNode body = JSON.createObjectNode().put("status", "error").put("message", message)
                .put("correlationId", UUID.randomUUID().toString()).put("category", category);
        return Answer.json(status, body);
    }

    /**
     * A webhook as HubSpot sends it, signed with v3.
     *
     * @param body        the JSON array of events
     * @param timestamp   the {@code X-HubSpot-Request-Timestamp} value (epoch ms)
     * @param signature   the {@code X-HubSpot-Signature-v3} value
     */
    public record Signed(String body, String timestamp, String signature) {

        /** The headers, as name, value pairs. */
        public String[] headers() {
            return new String[] {"X-HubSpot-Signature-v3", signature, "X-HubSpot-Request-Timestamp", timestamp};
        }
    }

    /** Signs a webhook POSTed to {@code uri} at {@code at} with {@link #CLIENT_SECRET}. */
    public static Signed signed(String uri, String body, Instant at) {
        return signed(CLIENT_SECRET, uri, body, at);
    }

    /** Signs a webhook POSTed to {@code uri} at {@code at} with {@code secret}. */
    public static Signed signed(String secret, String uri, String body, Instant at) {
        String timestamp = Long.toString(at.toEpochMilli());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] sig = mac.doFinal(("POST" + uri + body + timestamp).getBytes(StandardCharsets.UTF_8));
            return new Signed(body, timestamp, Base64.getEncoder().encodeToString(sig));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A webhook body of one event. */
    public static String event(long eventId, String subscriptionType, String objectId, String propertyName,
                               String propertyValue) {
        ObjectNode e = JSON.createObjectNode().put("eventId", eventId).put("subscriptionId", 12346)
                .put("portalId", 62515).put("appId", 54321).put("occurredAt", 1564113600500L)
                .put("subscriptionType", subscriptionType).put("attemptNumber", 0)
                .put("objectId", Long.parseLong(objectId)).put("changeSource", "CRM_UI");
        if (propertyName != null) {
            e.put("propertyName", propertyName).put("propertyValue", propertyValue);
        }
        return JSON.createArrayNode().add(e).toString();
    }
}
