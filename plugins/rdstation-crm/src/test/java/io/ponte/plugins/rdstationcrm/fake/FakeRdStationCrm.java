package io.ponte.plugins.rdstationcrm.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.message.MessageJson;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local fake of RD Station CRM's API v1 under {@code /api/v1}, for one account: every call carries the account's
 * API token as the {@code token} query parameter (else 401 {@code {"errors":"..."}}); {@code GET /contacts?email=}
 * and {@code ?phone=} ({@code {"contacts":[...],"total","has_more"}}), {@code GET|PUT /contacts/{id}},
 * {@code POST /contacts} ({@code {"contact":{name, emails:[{email}], phones:[{phone}]}}}), {@code GET /deals?name=},
 * {@code POST /deals} ({@code {"deal":{name, deal_stage_id, ...}, "contacts":[{"_id"}]}}), {@code PUT /deals/{id}}
 * (stage at the top level), {@code GET /deal_stages} and {@code POST /activities} ({@code {"activity":{deal_id,
 * text}}}). Ids are 24 hexadecimal characters like RD Station's. Scripted 429/5xx come from
 * {@link FakeProvider#enqueue}. Thread-safe.
 */
public final class FakeRdStationCrm extends FakeProvider {

    /** The account's API token. */
    public static final String TOKEN = "5f3c0a9e7d1b2c4e6f8a0b1c";
    /** The stage "Sem contato". */
    public static final String STAGE_NEW = "622e4cee412e87000d2f52a6";
    /** The stage "Ganho". */
    public static final String STAGE_WON = "622e4cee412e87000d2f52a9";

    private static final JsonMapper JSON = MessageJson.newMapper();
    private static final String ROOT = "/api/v1";
    private static final Pattern ONE = Pattern.compile(ROOT + "/(contacts|deals)/([0-9a-f]{24})");

    private final AtomicLong ids = new AtomicLong(0x6508785674820000L);
    private final Map<String, ObjectNode> contacts = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> deals = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> activities = new ConcurrentHashMap<>();

    /** Starts serving on a random loopback port. */
    public FakeRdStationCrm() {
    }

    /** The API root to configure as {@code apiBaseUrl}. */
    public String baseUrl() {
        return root() + ROOT;
    }

    /** A config for a connection to this fake. */
    public Map<String, Object> config() {
        return Map.of("apiToken", TOKEN, "apiBaseUrl", baseUrl());
    }

    /** The contacts the account holds. */
    public List<ObjectNode> contacts() {
        return List.copyOf(contacts.values());
    }

    /** The deals the account holds. */
    public List<ObjectNode> deals() {
        return List.copyOf(deals.values());
    }

    /** The notes (activities) the account holds. */
    public List<ObjectNode> activities() {
        return List.copyOf(activities.values());
    }

    /** Puts a contact in the account, as if made in RD Station; returns its id. */
    public String putContact(String name, String email, String phone, String... dealIds) {
        ObjectNode c = JSON.createObjectNode().put("name", name);
        if (email != null) {
            c.putArray("emails").addObject().put("email", email);
        }
        if (phone != null) {
            c.putArray("phones").addObject().put("phone", phone);
        }
        ArrayNode ids = c.putArray("deal_ids");
        for (String d : dealIds) {
            ids.add(d);
        }
        return store(contacts, c);
    }

    @Override
    protected Answer answer(Recorded request) {
        if (!TOKEN.equals(request.queryParams().get("token"))) {
            return Answer.json(401, "{\"errors\":\"Você precisa estar autenticado para continuar.\"}");
        }
        String path = request.path();
        String method = request.method();
        Matcher one = ONE.matcher(path);
        if (one.matches()) {
            Map<String, ObjectNode> store = one.group(1).equals("contacts") ? contacts : deals;
            ObjectNode found = store.get(one.group(2));
            if (found == null) {
                return Answer.json(404, "{\"errors\":\"Not Found\"}");
            }
            if (method.equals("GET")) {
                return Answer.json(200, found);
            }
            if (method.equals("PUT")) {
                JsonNode body = request.bodyJson();
                JsonNode fields = body.path(one.group(1).equals("contacts") ? "contact" : "deal");
                synchronized (found) {
                    if (fields.isObject()) {
                        found.setAll((ObjectNode) fields);
                    }
                    if (body.hasNonNull("deal_stage_id")) {
                        found.set("deal_stage", stage(body.get("deal_stage_id").asText()));
                    }
                }
                return Answer.json(200, found);
            }
        }
        return switch (method + " " + path) {
            case "GET " + ROOT + "/contacts" -> list("contacts", contacts.values().stream()
                    .filter(c -> matches(c, request.queryParams())).toList());
            case "POST " + ROOT + "/contacts" -> createContact(request.bodyJson());
            case "GET " + ROOT + "/deals" -> list("deals", deals.values().stream().filter(d ->
                    !request.queryParams().containsKey("name")
                            || d.path("name").asText().contains(request.queryParams().get("name"))).toList());
            case "POST " + ROOT + "/deals" -> createDeal(request.bodyJson());
            case "GET " + ROOT + "/deal_stages" -> list("deal_stages", List.of(stage(STAGE_NEW), stage(STAGE_WON)));
            case "POST " + ROOT + "/activities" -> createActivity(request.bodyJson());
            default -> Answer.json(404, "{\"errors\":\"Not Found\"}");
        };
    }

    private Answer createContact(JsonNode body) {
        JsonNode c = body.path("contact");
        if (!c.hasNonNull("name")) {
            return Answer.json(422, "{\"errors\":{\"name\":[\"não pode ficar em branco\"]}}");
        }
        ObjectNode contact = ((ObjectNode) c).deepCopy();
        contact.putArray("deal_ids");
        store(contacts, contact);
        return Answer.json(200, contact);
    }

    private Answer createDeal(JsonNode body) {
        JsonNode d = body.path("deal");
        if (!d.hasNonNull("name")) {
            return Answer.json(422, "{\"errors\":{\"name\":[\"não pode ficar em branco\"]}}");
        }
        ObjectNode deal = ((ObjectNode) d).deepCopy();
        String stageId = deal.has("deal_stage_id") ? deal.remove("deal_stage_id").asText() : STAGE_NEW;
        deal.set("deal_stage", stage(stageId));
        ArrayNode linked = deal.putArray("contacts");
        for (JsonNode c : body.path("contacts")) {
            ObjectNode contact = contacts.get(c.path("_id").asText());
            if (contact == null) {
                return Answer.json(422, "{\"errors\":{\"contacts\":[\"não encontrado\"]}}");
            }
            linked.add(contact);
        }
        String id = store(deals, deal);
        for (JsonNode c : linked) {
            ((ArrayNode) c.path("deal_ids")).add(id);
        }
        return Answer.json(200, deal);
    }

    private Answer createActivity(JsonNode body) {
        JsonNode a = body.path("activity");
        if (!deals.containsKey(a.path("deal_id").asText()) || !a.hasNonNull("text")) {
            return Answer.json(422, "{\"errors\":{\"deal_id\":[\"não encontrado\"]}}");
        }
        ObjectNode activity = ((ObjectNode) a).deepCopy();
        store(activities, activity);
        return Answer.json(200, activity);
    }

    private static boolean matches(JsonNode contact, Map<String, String> query) {
        if (query.containsKey("email")) {
            return values(contact, "emails", "email").contains(query.get("email"));
        }
        if (query.containsKey("phone")) {
            return values(contact, "phones", "phone").contains(query.get("phone"));
        }
        return true;
    }

    private static List<String> values(JsonNode contact, String list, String field) {
        List<String> out = new ArrayList<>();
        contact.path(list).forEach(e -> out.add(e.path(field).asText()));
        return out;
    }

    private static ObjectNode stage(String id) {
        return JSON.createObjectNode().put("id", id).put("_id", id)
                .put("name", id.equals(STAGE_WON) ? "Ganho" : "Sem contato")
                .put("nickname", id.equals(STAGE_WON) ? "GA" : "SC");
    }

    private static Answer list(String field, List<? extends JsonNode> items) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray(field).addAll(new ArrayList<>(items));
        body.put("total", items.size()).put("has_more", false);
        return Answer.json(200, body);
    }

    private String store(Map<String, ObjectNode> where, ObjectNode object) {
        String id = String.format("%016x%08x", ids.incrementAndGet(), 0xc7002050L);
        object.put("id", id).put("_id", id);
        where.put(id, object);
        return id;
    }
}
