package io.ponte.plugins.salesforce.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.testkit.fake.Answer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SOQL a Salesforce org answers, as far as the plugin asks: {@code SELECT fields FROM Object [WHERE a op b AND
 * ...] [ORDER BY f [DESC]] [LIMIT n]}, with {@code =} on escaped string literals, {@code >}/{@code >=} on dateTime
 * literals, and Opportunity's primary-contact-role subquery. Anything else is a 400 MALFORMED_QUERY, as a real org
 * answers a query it cannot parse. Stateless.
 */
final class FakeSoql {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ROLES_SUBQUERY =
            "(SELECT ContactId FROM OpportunityContactRoles WHERE IsPrimary = true LIMIT 1)";
    private static final Pattern QUERY = Pattern.compile(
            "SELECT (.+?) FROM (\\w+)(?: WHERE (.+?))?(?: ORDER BY (\\w+)( DESC)?)?(?: LIMIT (\\d+))?");
    private static final Pattern CONDITION = Pattern.compile(
            "(\\w+) (=|>=|>) ('(?:[^'\\\\]|\\\\.)*'|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)( AND |$)");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);

    /** A dateTime as the REST API writes it: {@code 2024-05-01T12:34:56.000+0000}. */
    static String format(Instant instant) {
        return STAMP.format(instant);
    }

    Answer run(String soql, List<ObjectNode> all, Function<String, List<ObjectNode>> primaryRoles) {
        boolean roles = soql.contains(ROLES_SUBQUERY);
        Matcher q = QUERY.matcher(soql.replace(", " + ROLES_SUBQUERY, ""));
        if (!q.matches()) {
            return FakeSalesforce.error(400, "MALFORMED_QUERY", "unexpected token in: " + soql);
        }
        List<String> fields = List.of(q.group(1).split(",\\s*"));
        String object = q.group(2);
        List<String[]> conditions = new ArrayList<>();
        if (q.group(3) != null) {
            Matcher c = CONDITION.matcher(q.group(3));
            int end = 0;
            while (c.find() && c.start() == end) {
                conditions.add(new String[] {c.group(1), c.group(2), c.group(3)});
                end = c.end();
            }
            if (end != q.group(3).length()) {
                return FakeSalesforce.error(400, "MALFORMED_QUERY", "unexpected token in: " + q.group(3));
            }
        }
        Comparator<ObjectNode> order = Comparator.comparing(r -> r.path(q.group(4) == null ? "Id" : q.group(4))
                .asText());
        List<ObjectNode> rows = all.stream().filter(r -> object.equals(r.path("attributes").path("type").asText()))
                .filter(r -> conditions.stream().allMatch(c -> holds(r, c)))
                .sorted(q.group(5) == null ? order : order.reversed())
                .limit(q.group(6) == null ? Long.MAX_VALUE : Long.parseLong(q.group(6)))
                .toList();
        ArrayNode out = JSON.arrayNode();
        for (ObjectNode row : rows) {
            ObjectNode record = out.addObject();
            record.set("attributes", row.get("attributes"));
            fields.forEach(f -> record.set(f, row.hasNonNull(f) ? row.get(f) : JSON.nullNode()));
            if (roles) {
                List<ObjectNode> primary = primaryRoles.apply(row.path("Id").asText());
                if (primary.isEmpty()) {
                    record.putNull("OpportunityContactRoles");
                } else {
                    ObjectNode sub = record.putObject("OpportunityContactRoles").put("totalSize", 1).put("done", true);
                    sub.putArray("records").addObject().setAll(JSON.objectNode()
                            .<ObjectNode>set("attributes", primary.get(0).get("attributes"))
                            .put("ContactId", primary.get(0).path("ContactId").asText()));
                }
            }
        }
        return Answer.json(200, JSON.objectNode().put("totalSize", rows.size()).put("done", true)
                .set("records", out).toString());
    }

    private static boolean holds(JsonNode row, String[] c) {
        JsonNode value = row.get(c[0]);
        if (value == null || value.isNull()) {
            return false;
        }
        if (c[2].startsWith("'")) {
            return c[1].equals("=") && value.asText().equals(unescape(c[2].substring(1, c[2].length() - 1)));
        }
        Instant left = java.time.OffsetDateTime.parse(value.asText(),
                DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx")).toInstant();
        Instant right = Instant.parse(c[2]);
        return switch (c[1]) {
            case ">" -> left.isAfter(right);
            case ">=" -> !left.isBefore(right);
            default -> left.equals(right);
        };
    }

    private static String unescape(String literal) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < literal.length(); i++) {
            char ch = literal.charAt(i);
            if (ch == '\\' && i + 1 < literal.length()) {
                char next = literal.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> next;
                });
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
