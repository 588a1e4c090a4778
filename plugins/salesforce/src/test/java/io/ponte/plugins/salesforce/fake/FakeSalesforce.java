package io.ponte.plugins.salesforce.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Salesforce org on a loopback port: the OAuth token endpoint (client-credentials grant, and the JWT bearer grant
 * with the assertion's RS256 signature checked against the test key), SOQL queries of the shapes the plugin sends,
 * sObject create and update, composite requests (all or none, {@code @{ref.id}} references), expired sessions
 * ({@link #expireSessions}), refused tokens ({@link #refuseTokens}) and answers lost after the write
 * ({@link #loseAnswersAfterWrites}). The login host and the instance are the same server. Thread-safe.
 */
public final class FakeSalesforce extends FakeProvider {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final com.fasterxml.jackson.databind.json.JsonMapper MAPPER =
            io.ponte.api.message.MessageJson.newMapper();
    private static final Map<String, String> PREFIXES = Map.of("Contact", "003", "Opportunity", "006",
            "OpportunityContactRole", "00K", "Note", "002");
    private static final Pattern SOBJECT = Pattern.compile("/services/data/(v\\d+\\.0)/sobjects/(\\w+)(?:/(\\w+))?");

    private final String clientId;
    private final String clientSecret;
    private final String username;
    private final FakeSoql soql = new FakeSoql();
    private final Map<String, ObjectNode> records = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, AtomicInteger> lostAnswers = new ConcurrentHashMap<>();
    private volatile java.security.PublicKey jwtKey;
    private volatile boolean refuseTokens;
    private volatile Instant lastStamp = Instant.EPOCH;

    /**
     * @param clientId     the connected app's consumer key
     * @param clientSecret its secret, for the client-credentials grant
     * @param username     the user the JWT bearer grant may act as
     */
    public FakeSalesforce(String clientId, String clientSecret, String username) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.username = username;
    }

    /** Accepts JWT bearer assertions signed by the private half of {@code key} (the connected app's cert). */
    public FakeSalesforce trustingJwtKey(java.security.PublicKey key) {
        this.jwtKey = key;
        return this;
    }

    /** The login URL and instance URL. */
    public String url() {
        return root().toString();
    }

    /** Every access token issued so far stops working (401 INVALID_SESSION_ID), as after a session timeout. */
    public void expireSessions() {
        validTokens.clear();
    }

    /** From now on, tokens are issued but every API call with them is refused (a deactivated user, say). */
    public void refuseTokens() {
        refuseTokens = true;
        validTokens.clear();
    }

    /**
     * The next {@code n} writes (create, update, composite) whose path ends with {@code pathEnd}
     * ({@code "/composite"}, {@code "/sobjects/Contact"}) are carried out, then answered 503 as if the answer was lost.
     */
    public void loseAnswers(String pathEnd, int n) {
        lostAnswers.put(pathEnd, new AtomicInteger(n));
    }

    /** The records of an object, as Salesforce stores them (fields by API name, Id, CreatedDate, SystemModstamp). */
    public List<ObjectNode> records(String object) {
        return records.values().stream().filter(r -> object.equals(r.path("attributes").path("type").asText()))
                .sorted(java.util.Comparator.comparing(r -> r.path("Id").asText())).toList();
    }

    /** A record by id, or null. */
    public ObjectNode record(String id) {
        return records.get(id);
    }

    /** Someone edits a record in Salesforce: sets the fields and moves its SystemModstamp. */
    public void edit(String id, Map<String, String> fields) {
        ObjectNode record = records.get(id);
        fields.forEach(record::put);
        record.put("SystemModstamp", stamp());
    }

    /** The token requests so far. */
    public List<Recorded> tokenRequests() {
        return requests(r -> r.path().equals("/services/oauth2/token"));
    }

    /** The API calls so far (everything but token requests). */
    public List<Recorded> apiCalls() {
        return requests(r -> r.path().startsWith("/services/data/"));
    }

    /** A Salesforce error array answer. */
    public static Answer error(int status, String errorCode, String message) {
        ArrayNode body = JSON.arrayNode();
        body.addObject().put("message", message).put("errorCode", errorCode).putArray("fields");
        return Answer.json(status, body.toString());
    }

    @Override
    protected Answer answer(Recorded request) {
        if (request.path().equals("/services/oauth2/token") && request.method().equals("POST")) {
            return token(request.formParams());
        }
        if (!request.path().startsWith("/services/data/")) {
            return error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        String auth = request.header("authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
            return error(401, "INVALID_SESSION_ID", "Session expired or invalid");
        }
        synchronized (this) {
            return api(request);
        }
    }

    private Answer api(Recorded request) {
        String path = request.path();
        if (path.matches("/services/data/v\\d+\\.0/limits")) {
            return Answer.json(200, "{\"DailyApiRequests\":{\"Max\":15000,\"Remaining\":14998}}");
        }
        if (path.matches("/services/data/v\\d+\\.0/query") && request.method().equals("GET")) {
            String q = request.queryParams().get("q");
            return soql.run(q, List.copyOf(records.values()), this::contactRoles);
        }
        if (path.matches("/services/data/v\\d+\\.0/composite") && request.method().equals("POST")) {
            return lost(request, composite(request.bodyJson()));
        }
        Matcher m = SOBJECT.matcher(path);
        if (!m.matches()) {
            return error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        if (request.method().equals("POST") && m.group(3) == null) {
            return lost(request, create(m.group(2), (ObjectNode) request.bodyJson()));
        }
        if (request.method().equals("PATCH") && m.group(3) != null) {
            return lost(request, update(m.group(3), (ObjectNode) request.bodyJson()));
        }
        return error(405, "METHOD_NOT_ALLOWED", "HTTP Method '" + request.method() + "' not allowed");
    }

    private Answer lost(Recorded request, Answer answer) {
        AtomicInteger left = lostAnswers.entrySet().stream().filter(e -> request.path().endsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (answer.status() < 300 && left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return error(503, "SERVER_UNAVAILABLE", "Service temporarily unavailable");
        }
        return answer;
    }

    private Answer token(Map<String, String> form) {
        String grant = form.getOrDefault("grant_type", "");
        if (grant.equals("client_credentials")) {
            if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
                return Answer.json(400, "{\"error\":\"invalid_client\",\"error_description\":\"invalid client "
                        + "credentials\"}");
            }
        } else if (grant.equals("urn:ietf:params:oauth:grant-type:jwt-bearer")) {
            String refusal = FakeJwt.refusal(form.get("assertion"), jwtKey, clientId, username, url());
            if (refusal != null) {
                return Answer.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"" + refusal + "\"}");
            }
        } else {
            return Answer.json(400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"grant type not "
                    + "supported\"}");
        }
        String token = "00DFAKE!" + java.util.UUID.randomUUID().toString().replace("-", "");
        if (!refuseTokens) {
            validTokens.add(token);
        }
        return Answer.json(200, JSON.objectNode().put("access_token", token).put("instance_url", url())
                .put("id", url() + "/id/00DFAKE/005FAKE").put("token_type", "Bearer")
                .put("issued_at", String.valueOf(System.currentTimeMillis())).put("scope", "api")
                .toString());
    }

    private Answer create(String object, ObjectNode fields) {
        List<String> missing = switch (object) {
            case "Contact" -> required(fields, "LastName");
            case "Opportunity" -> required(fields, "Name", "StageName", "CloseDate");
            case "OpportunityContactRole" -> required(fields, "OpportunityId", "ContactId");
            case "Note" -> required(fields, "ParentId", "Title");
            default -> null;
        };
        if (missing == null) {
            return error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        if (!missing.isEmpty()) {
            ArrayNode body = JSON.arrayNode();
            ObjectNode e = body.addObject().put("message", "Required fields are missing: " + missing)
                    .put("errorCode", "REQUIRED_FIELD_MISSING");
            missing.forEach(e.putArray("fields")::add);
            return Answer.json(400, body.toString());
        }
        String id = PREFIXES.get(object) + "5g0%09dAAA".formatted(ids.incrementAndGet());
        ObjectNode record = fields.deepCopy();
        record.putObject("attributes").put("type", object).put("url", "/services/data/v61.0/sobjects/" + object
                + "/" + id);
        String now = stamp();
        record.put("Id", id).put("CreatedDate", now).put("SystemModstamp", now);
        if (object.equals("Contact")) {
            String first = record.path("FirstName").asText("");
            record.put("Name", (first.isEmpty() ? "" : first + " ") + record.path("LastName").asText());
        }
        records.put(id, record);
        return Answer.json(201, JSON.objectNode().put("id", id).put("success", true).set("errors",
                JSON.arrayNode()).toString());
    }

    private Answer update(String id, ObjectNode fields) {
        ObjectNode record = records.get(id);
        if (record == null) {
            return error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        record.setAll(fields);
        record.put("SystemModstamp", stamp());
        return Answer.bytes(204, "application/json", new byte[0]);
    }

    private Answer composite(JsonNode body) {
        Map<String, ObjectNode> before = new java.util.HashMap<>();
        records.forEach((k, v) -> before.put(k, v.deepCopy()));
        Map<String, JsonNode> byRef = new java.util.HashMap<>();
        ArrayNode results = JSON.arrayNode();
        boolean failed = false;
        for (JsonNode sub : body.path("compositeRequest")) {
            String ref = sub.path("referenceId").asText();
            String resolved = resolve(sub.path("body").toString(), byRef);
            Matcher m = SOBJECT.matcher(sub.path("url").asText());
            Answer answer;
            try {
                ObjectNode subBody = (ObjectNode) parse(resolved);
                answer = failed || !m.matches() ? null : sub.path("method").asText().equals("POST")
                        ? create(m.group(2), subBody) : update(m.group(3), subBody);
            } catch (RuntimeException e) {
                answer = error(400, "JSON_PARSER_ERROR", "cannot parse the body");
            }
            JsonNode answerBody = answer == null || answer.body().length == 0 ? JSON.nullNode()
                    : parse(new String(answer.body(), StandardCharsets.UTF_8));
            int status = answer == null ? 400 : answer.status();
            if (answer == null) {
                answerBody = parse("[{\"errorCode\":\"PROCESSING_HALTED\",\"message\":"
                        + "\"The transaction was rolled back since another operation in the same transaction "
                        + "failed.\"}]");
            }
            failed |= status >= 300;
            byRef.put(ref, answerBody);
            results.addObject().put("httpStatusCode", status).put("referenceId", ref).set("body", answerBody);
        }
        if (failed && body.path("allOrNone").asBoolean()) {
            records.clear();
            records.putAll(before);
        }
        return Answer.json(200, JSON.objectNode().set("compositeResponse", results).toString());
    }

    private static String resolve(String text, Map<String, JsonNode> byRef) {
        Matcher m = Pattern.compile("@\\{(\\w+)\\.(\\w+)}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode ref = byRef.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(ref == null ? "" : ref.path(m.group(2)).asText()));
        }
        return m.appendTail(out).toString();
    }

    private List<ObjectNode> contactRoles(String opportunityId) {
        return records("OpportunityContactRole").stream()
                .filter(r -> opportunityId.equals(r.path("OpportunityId").asText())
                        && r.path("IsPrimary").asBoolean())
                .toList();
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    private static List<String> required(ObjectNode fields, String... names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!fields.hasNonNull(name) || fields.get(name).asText().isBlank()) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** SystemModstamp as the REST API writes it, strictly increasing. */
    private synchronized String stamp() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        lastStamp = now.isAfter(lastStamp) ? now : lastStamp.plusMillis(1);
        return FakeSoql.format(lastStamp);
    }
}
