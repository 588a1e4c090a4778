package io.ponte.plugins.pipedrive.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Pipedrive company speaking the documented API: {@code x-api-token} checked on every call (401 with the
 * observed {@code unauthorized access} body), API v2 persons (search with {@code fields=email|phone} and
 * {@code exact_match}, create, patch, get), deals (create, patch, get), stages (list), API v1 notes (create) and
 * {@code /api/v1/users/me}; answers in Pipedrive's envelope ({@code {"success":true,"data":...}}), unknown ids with
 * the spec's 404 body. Tests script rate limits and outages with {@link #rateLimited} and {@link #serverError}.
 * Thread-safe.
 */
public final class FakePipedrive extends FakeProvider {

    /** The token the fake accepts. */
    public static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern ID_PATH = Pattern.compile("/api/v2/(persons|deals)/([0-9]+)");

    private final Map<Long, ObjectNode> persons = new ConcurrentSkipListMap<>();
    private final Map<Long, ObjectNode> deals = new ConcurrentSkipListMap<>();
    private final Map<Long, ObjectNode> notes = new ConcurrentSkipListMap<>();
    private final List<ObjectNode> stages = List.of(stage(1, "Qualified"), stage(2, "Contact Made"),
            stage(3, "Proposal Made"), stage(4, "Negotiations Started"));
    private final AtomicLong ids = new AtomicLong(100);

    /** Starts an empty company with the four default stages of pipeline 1. */
    public FakePipedrive() {
    }

    /** The API root to configure as {@code apiBaseUrl}. */
    public String baseUrl() {
        return root().toString();
    }

    /** A 429 with {@code Retry-After} and the rate-limit headers Pipedrive sends. */
    public static Answer rateLimited(int retryAfterSeconds) {
        return Answer.json(429, "{\"success\":false,\"error\":\"Request over limit\",\"error_info\":\"Please check "
                        + "developers.pipedrive.com\",\"data\":null,\"additional_data\":null}")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds))
                .withHeader("x-ratelimit-limit", "80").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Integer.toString(retryAfterSeconds));
    }

    /** A 5xx in Pipedrive's error shape. */
    public static Answer serverError(int status) {
        return Answer.json(status, "{\"success\":false,\"error\":\"Internal server error\",\"error_info\":\"Please "
                + "contact support\",\"data\":null,\"additional_data\":null}");
    }

    /** Seeds a person as the API v2 stores it; answers its id. */
    public long addPerson(String name, String email, String phone) {
        ObjectNode body = JSON.objectNode().put("name", name);
        if (email != null) {
            body.putArray("emails").addObject().put("value", email).put("primary", true).put("label", "work");
        }
        if (phone != null) {
            body.putArray("phones").addObject().put("value", phone).put("primary", true).put("label", "work");
        }
        return create(persons, body).get("id").asLong();
    }

    /** The persons, by id. */
    public Map<Long, ObjectNode> persons() {
        return Map.copyOf(persons);
    }

    /** The deals, by id. */
    public Map<Long, ObjectNode> deals() {
        return Map.copyOf(deals);
    }

    /** The notes, by id. */
    public Map<Long, ObjectNode> notes() {
        return Map.copyOf(notes);
    }

    @Override
    protected Answer answer(Recorded request) {
        if (!TOKEN.equals(request.header("x-api-token"))) {
            return Answer.json(401, "{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401,"
                    + "\"error_info\":\"Please check developers.pipedrive.com\"}");
        }
        String route = request.method() + " " + request.path();
        Matcher byId = ID_PATH.matcher(request.path());
        if (byId.matches()) {
            Map<Long, ObjectNode> store = "persons".equals(byId.group(1)) ? persons : deals;
            ObjectNode found = store.get(Long.parseLong(byId.group(2)));
            if (found == null) {
                return notFound();
            }
            return switch (request.method()) {
                case "GET" -> ok(found);
                case "PATCH" -> ok(patch(found, request.bodyJson()));
                default -> notFound();
            };
        }
        return switch (route) {
            case "GET /api/v1/users/me" -> ok(JSON.objectNode().put("id", 1).put("name", "Fake Admin")
                    .put("company_domain", "acme"));
            case "GET /api/v2/persons/search" -> ok(search(request.queryParams()));
            case "POST /api/v2/persons" -> ok(create(persons, request.bodyJson().deepCopy()));
            case "POST /api/v2/deals" -> ok(create(deals, withDealDefaults(request.bodyJson().deepCopy())));
            case "GET /api/v2/stages" -> ok(JSON.arrayNode().addAll(stages));
            case "POST /api/v1/notes" -> ok(create(notes, request.bodyJson().deepCopy()));
            default -> notFound();
        };
    }

    private ObjectNode search(Map<String, String> query) {
        String term = query.getOrDefault("term", "");
        String field = query.getOrDefault("fields", "");
        ArrayNode items = JSON.arrayNode();
        for (ObjectNode person : persons.values()) {
            List<String> values = values(person.path("email".equals(field) ? "emails" : "phones"));
            boolean hit = "email".equals(field) ? values.stream().anyMatch(term::equalsIgnoreCase)
                    : values.stream().anyMatch(v -> digits(v).equals(digits(term)) && !digits(term).isEmpty());
            if (hit) {
                ObjectNode item = JSON.objectNode().put("id", person.get("id").asLong()).put("type", "person")
                        .put("name", person.path("name").asText());
                values(person.path("emails")).forEach(item.putArray("emails")::add);
                values(person.path("phones")).forEach(item.putArray("phones")::add);
                items.addObject().put("result_score", 1.0).set("item", item);
            }
        }
        ObjectNode data = JSON.objectNode();
        data.set("items", items);
        return data;
    }

    private ObjectNode create(Map<Long, ObjectNode> store, ObjectNode body) {
        long id = ids.incrementAndGet();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        body.put("id", id).put("add_time", now).put("update_time", now);
        store.put(id, body);
        return body;
    }

    private static ObjectNode withDealDefaults(ObjectNode deal) {
        if (!deal.has("status")) {
            deal.put("status", "open");
        }
        if (!deal.has("stage_id")) {
            deal.put("stage_id", 1);
        }
        return deal;
    }

    private static ObjectNode patch(ObjectNode found, JsonNode changes) {
        synchronized (found) {
            changes.fields().forEachRemaining(e -> found.set(e.getKey(), e.getValue()));
            found.put("update_time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            return found.deepCopy();
        }
    }

    private static List<String> values(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(e -> out.add(e.isObject() ? e.path("value").asText() : e.asText()));
        return out;
    }

    private static String digits(String value) {
        return value.replaceAll("[^0-9]", "");
    }

    private static ObjectNode stage(long id, String name) {
        return JSON.objectNode().put("id", id).put("order_nr", id).put("name", name).put("pipeline_id", 1)
                .put("deal_probability", 100).put("is_deleted", false);
    }

    private static Answer ok(JsonNode data) {
        ObjectNode body = JSON.objectNode().put("success", true);
        body.set("data", data);
        return Answer.json(200, body.toString());
    }

    private static Answer notFound() {
        return Answer.json(404, "{\"success\":false,\"error\":\"Entity was not found\",\"error_info\":\"Object was "
                + "not found.\",\"data\":null,\"additional_data\":null}");
    }
}
