package io.ponte.plugins.mercadolivre.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.message.MessageJson;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local fake of the Mercado Livre API for one app and one seller, speaking its wire format: {@code POST
 * /oauth/token} (form-encoded {@code grant_type=refresh_token}; every refresh rotates the refresh token, an old or
 * revoked one gets {@code 400 invalid_grant}), and with a current bearer token {@code GET /orders/{id}},
 * {@code GET /questions/{id}}, {@code POST /answers}, {@code GET /messages/{id}}, {@code POST
 * /messages/packs/{pack}/sellers/{seller}}, {@code GET|PUT /items/{id}}, {@code GET
 * /users/{seller}/items/search?seller_sku=} and {@code GET /users/me}. Errors use Mercado Livre's envelope
 * {@code {"message","error","status","cause":[]}}: an unknown or expired token 401, an unknown resource 404. Scripted
 * 429/5xx answers come from {@link FakeProvider#enqueue}; {@link #expireAccessTokens()} makes the next call meet a
 * 401. {@link #notice} builds notices in the documented shapes. Thread-safe.
 */
public final class FakeMercadoLivre extends FakeProvider {

    /** The fake app's id. */
    public static final String CLIENT_ID = "5503910054141466";
    /** The fake app's secret. */
    public static final String CLIENT_SECRET = "fakeClientSecret0123456789abcdef";
    /** The fake seller. */
    public static final String SELLER_ID = "468424240";
    /** The refresh token the seller's authorization gave. */
    public static final String FIRST_REFRESH_TOKEN = "TG-5f0000000000000000000001-468424240";

    private static final JsonMapper JSON = MessageJson.newMapper();
    private static final Pattern ORDER = Pattern.compile("/orders/([0-9]+)");
    private static final Pattern QUESTION = Pattern.compile("/questions/([0-9]+)");
    private static final Pattern MESSAGE = Pattern.compile("/messages/([A-Za-z0-9-]+)");
    private static final Pattern PACK_MESSAGE = Pattern.compile("/messages/packs/([0-9]+)/sellers/([0-9]+)");
    private static final Pattern ITEM = Pattern.compile("/items/([A-Z]{3}[0-9]+)");
    private static final Pattern ITEM_SEARCH = Pattern.compile("/users/([0-9]+)/items/search");

    private final AtomicInteger rotations = new AtomicInteger();
    private volatile String refreshToken = FIRST_REFRESH_TOKEN;
    private volatile boolean refusingTokens;
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> questions = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> items = new ConcurrentHashMap<>();
    private final List<JsonNode> answers = new CopyOnWriteArrayList<>();
    private final List<Recorded> postSaleMessages = new CopyOnWriteArrayList<>();

    /** Starts serving on a random loopback port. */
    public FakeMercadoLivre() {
    }

    /** The API root to configure as {@code apiBaseUrl}. */
    public String baseUrl() {
        return root().toString();
    }

    /** A config for a connection to this fake. */
    public Map<String, Object> config() {
        return Map.of("clientId", CLIENT_ID, "clientSecret", CLIENT_SECRET, "refreshToken", FIRST_REFRESH_TOKEN,
                "sellerId", SELLER_ID, "apiBaseUrl", baseUrl());
    }

    /** The refresh token the fake accepts now (the newest it handed out). */
    public String currentRefreshToken() {
        return refreshToken;
    }

    /** How many refreshes the fake granted. */
    public int refreshes() {
        return rotations.get();
    }

    /** Makes every access token handed out so far unknown: the next call with one gets a 401. */
    public void expireAccessTokens() {
        accessTokens.clear();
    }

    /** Refuses every access token from now on, fresh ones too (refreshes still work): a 401 on every call. */
    public void refuseAccessTokens() {
        refusingTokens = true;
    }

    /** Revokes the seller's authorization: every refresh token gets {@code invalid_grant} from now on. */
    public void revokeAuthorization() {
        refreshToken = "revoked-" + UUID.randomUUID();
        accessTokens.clear();
    }

    /**
     * Adds (or replaces) an order, built on the documented example: this id, status, buyer and SKU; {@code packId}
     * null for an order on its own.
     */
    public ObjectNode putOrder(String orderId, String status, String packId, String buyerId, String buyerPhone,
                               String lastUpdated) {
        ObjectNode order = (ObjectNode) fixture("api/order.json");
        order.put("id", Long.parseLong(orderId)).put("status", status).put("date_last_updated", lastUpdated);
        if (packId == null) {
            order.putNull("pack_id");
        } else {
            order.put("pack_id", Long.parseLong(packId));
        }
        ObjectNode buyer = order.putObject("buyer").put("id", Long.parseLong(buyerId)).put("nickname", "COMPRADOR"
                + buyerId);
        if (buyerPhone != null) {
            buyer.putObject("phone").put("area_code", buyerPhone.substring(0, 2)).put("number",
                    buyerPhone.substring(2));
        }
        order.putObject("seller").put("id", Long.parseLong(SELLER_ID));
        ((ObjectNode) order.at("/order_items/0/item")).put("seller_sku", "VERS-100");
        orders.put(orderId, order);
        return order;
    }

    /** Adds an unanswered question from a buyer about an item. */
    public ObjectNode putQuestion(String questionId, String buyerId, String itemId, String text) {
        ObjectNode q = JSON.createObjectNode().put("id", Long.parseLong(questionId))
                .put("seller_id", Long.parseLong(SELLER_ID)).put("item_id", itemId).put("text", text)
                .put("status", "UNANSWERED").put("date_created", "2026-01-05T10:30:00.000-03:00")
                .put("deleted_from_listing", false).put("hold", false).put("suspected_spam", false);
        q.putNull("answer");
        q.putObject("from").put("id", Long.parseLong(buyerId));
        questions.put(questionId, q);
        return q;
    }

    /** Adds a post-sale message of a pack, from {@code fromUser} to {@code toUser}. */
    public ObjectNode putMessage(String messageId, String packId, String fromUser, String toUser, String text,
                                 String readAt) {
        ObjectNode m = JSON.createObjectNode().put("id", messageId).put("site_id", "MLB").put("status", "available")
                .put("text", text);
        m.putObject("from").put("user_id", Long.parseLong(fromUser));
        m.putObject("to").put("user_id", Long.parseLong(toUser));
        ObjectNode date = m.putObject("message_date").put("received", "2026-01-05T13:14:10Z")
                .put("available", "2026-01-05T13:14:10Z").put("created", "2026-01-05T13:14:10Z");
        if (readAt == null) {
            date.putNull("read");
        } else {
            date.put("read", readAt);
        }
        m.putObject("message_moderation").put("status", "clean").putNull("reason");
        ArrayNode resources = m.putArray("message_resources");
        resources.addObject().put("id", packId).put("name", "packs");
        resources.addObject().put("id", SELLER_ID).put("name", "sellers");
        messages.put(messageId, m);
        return m;
    }

    /** Adds a listing of the seller. */
    public ObjectNode putItem(String itemId, String sku, String status, String price, int available) {
        ObjectNode item = JSON.createObjectNode().put("id", itemId).put("title", "Versace Pour Homme 100ml")
                .put("seller_id", Long.parseLong(SELLER_ID)).put("status", status)
                .put("price", new java.math.BigDecimal(price)).put("currency_id", "BRL")
                .put("available_quantity", available).put("seller_custom_field", sku)
                .put("permalink", "https://produto.mercadolivre.com.br/" + itemId);
        items.put(itemId, item);
        return item;
    }

    /** The item as the fake holds it now. */
    public JsonNode item(String itemId) {
        return items.get(itemId);
    }

    /** Every {@code POST /answers} body, in order. */
    public List<JsonNode> answers() {
        return List.copyOf(answers);
    }

    /** Every post-sale message posted, in order. */
    public List<Recorded> postSaleMessages() {
        return List.copyOf(postSaleMessages);
    }

    /** The GETs of a resource so far. */
    public List<Recorded> gets(String path) {
        return requests(r -> r.method().equals("GET") && r.path().equals(path));
    }

    /**
     * A notice in the documented shape (the docs' example of the topic with a fresh {@code _id}, this resource, the
     * fake's seller and app).
     */
    public static String notice(String topic, String resource) {
        return notice(topic, resource, SELLER_ID, CLIENT_ID);
    }

    /** A notice for any seller and app. */
    public static String notice(String topic, String resource, String userId, String applicationId) {
        String fixture = switch (topic) {
            case "orders_v2", "items", "questions", "payments", "messages" -> "notices/" + topic + ".json";
            default -> "notices/orders_v2.json";
        };
        ObjectNode n = (ObjectNode) fixture(fixture);
        n.put(n.has("id") ? "id" : "_id", UUID.randomUUID().toString()).put("topic", topic).put("resource", resource)
                .put("user_id", Long.parseLong(userId)).put("application_id", Long.parseLong(applicationId));
        return n.toString();
    }

    /** A fixture under {@code mercadolivre/} as JSON. */
    public static JsonNode fixture(String name) {
        try (InputStream in = FakeMercadoLivre.class.getResourceAsStream("/mercadolivre/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Answer answer(Recorded request) {
        if (request.method().equals("POST") && request.path().equals("/oauth/token")) {
            return token(request.formParams());
        }
        String auth = request.header("authorization");
        if (refusingTokens || auth == null || !auth.startsWith("Bearer ") || !accessTokens.contains(auth.substring(7))) {
            return Answer.json(401, fixture("api/error-401.json"));
        }
        String path = request.path();
        Matcher m;
        if (request.method().equals("GET") && path.equals("/users/me")) {
            return Answer.json(200, JSON.createObjectNode().put("id", Long.parseLong(SELLER_ID))
                    .put("nickname", "LOJAAZUL"));
        }
        if (request.method().equals("GET") && (m = ORDER.matcher(path)).matches()) {
            return found(orders.get(m.group(1)), "order");
        }
        if (request.method().equals("GET") && (m = QUESTION.matcher(path)).matches()) {
            return found(questions.get(m.group(1)), "question");
        }
        if (request.method().equals("POST") && path.equals("/answers")) {
            return answer(request.bodyJson());
        }
        if (request.method().equals("POST") && (m = PACK_MESSAGE.matcher(path)).matches()) {
            return postSale(request, m.group(1));
        }
        if (request.method().equals("GET") && (m = MESSAGE.matcher(path)).matches()) {
            return found(messages.get(m.group(1)), "message");
        }
        if ((m = ITEM.matcher(path)).matches()) {
            ObjectNode item = items.get(m.group(1));
            if (item != null && request.method().equals("PUT")) {
                item.put("available_quantity", request.bodyJson().path("available_quantity").asInt());
            }
            return found(item, "item");
        }
        if (request.method().equals("GET") && (m = ITEM_SEARCH.matcher(path)).matches()) {
            String sku = request.queryParams().get("seller_sku");
            ArrayNode results = JSON.createArrayNode();
            items.values().stream().filter(i -> i.path("seller_custom_field").asText().equals(sku))
                    .forEach(i -> results.add(i.get("id").asText()));
            ObjectNode body = JSON.createObjectNode().put("seller_id", m.group(1));
            body.set("results", results);
            body.putObject("paging").put("limit", 50).put("offset", 0).put("total", results.size());
            return Answer.json(200, body);
        }
        return error(404, "resource not found", "not_found");
    }

    private Answer token(Map<String, String> form) {
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return error(401, "invalid client_id or client_secret", "invalid_client");
        }
        if (!"refresh_token".equals(form.get("grant_type")) || !refreshToken.equals(form.get("refresh_token"))) {
            return Answer.json(400, JSON.createObjectNode().put("error_description", "Error validating grant. Your "
                            + "authorization code or refresh token may be expired or it was already used")
                    .put("error", "invalid_grant").put("status", 400).put("message", "Error validating grant")
                    .set("cause", JSON.createArrayNode()));
        }
        int n = rotations.incrementAndGet();
        String access = "APP_USR-" + CLIENT_ID + "-fake" + n + "-" + SELLER_ID;
        accessTokens.add(access);
        refreshToken = "TG-rotated" + n + "-" + SELLER_ID;
        return Answer.json(200, JSON.createObjectNode().put("access_token", access).put("token_type", "Bearer")
                .put("expires_in", 21600).put("scope", "offline_access read write")
                .put("user_id", Long.parseLong(SELLER_ID)).put("refresh_token", refreshToken));
    }

    private Answer answer(JsonNode body) {
        ObjectNode q = questions.get(body.path("question_id").asText());
        if (q == null) {
            return error(404, "Question not found", "not_found");
        }
        if (!"UNANSWERED".equals(q.path("status").asText())) {
            return error(400, "Question already answered", "bad_request");
        }
        answers.add(body);
        q.put("status", "ANSWERED");
        q.putObject("answer").put("text", body.path("text").asText()).put("status", "ACTIVE")
                .put("date_created", "2026-01-05T10:35:00.000-03:00");
        return Answer.json(200, q);
    }

    private Answer postSale(Recorded request, String packId) {
        postSaleMessages.add(request);
        String id = UUID.randomUUID().toString().replace("-", "");
        JsonNode body = request.bodyJson();
        ObjectNode sent = putMessage(id, packId, body.at("/from/user_id").asText(), body.at("/to/user_id").asText(),
                body.path("text").asText(), null);
        return Answer.json(201, sent);
    }

    private static Answer found(JsonNode resource, String what) {
        return resource == null ? error(404, what + " not found", "not_found") : Answer.json(200, resource);
    }

    /** An answer in Mercado Livre's error envelope. */
    public static Answer error(int status, String message, String error) {
        ObjectNode body = JSON.createObjectNode().put("message", message).put("error", error).put("status", status);
        body.putArray("cause");
        return Answer.json(status, body);
    }
}
