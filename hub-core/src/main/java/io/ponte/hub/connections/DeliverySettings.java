package io.ponte.hub.connections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.SendRate;
import io.ponte.hub.errors.ValidationException.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the hub delivers to one connection: the retry schedule (the delays between attempts; its length + 1 is the
 * attempt budget), the action timeout and the most concurrent actions. JSON form:
 * {@code {"retrySchedule":["5s","5m","30m","2h","5h","10h","10h"],"timeoutSeconds":30,"maxConcurrency":64,
 * "sendRates":{"connection":"20/1s","conversation":"1/1s"},"breaker":{...}}} (see {@link BreakerSettings}).
 *
 * <p>The default schedule is Svix's: 8 attempts over about 27 hours, each delay jittered by ±20%. {@code sendRates}
 * can only lower the limits the connector declares (the stricter of the two counts).
 */
public record DeliverySettings(List<Duration> retrySchedule, Duration timeout, int maxConcurrency,
                               List<SendRate> sendRates, BreakerSettings breaker) {

    public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));
    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(ms|s|m|h|d)");
    private static final Pattern RATE = Pattern.compile("(\\d{1,6})/(.+)");
    private static final List<String> FIELDS = List.of("retrySchedule", "timeoutSeconds", "maxConcurrency",
            "sendRates", "breaker");

    public DeliverySettings {
        retrySchedule = List.copyOf(retrySchedule);
        sendRates = List.copyOf(sendRates);
        breaker = breaker == null ? BreakerSettings.DEFAULT : breaker;
    }

    /** The attempt budget: the first attempt plus one per scheduled retry. */
    public int maxAttempts() {
        return retrySchedule.size() + 1;
    }

    /**
     * Parses and validates; absent fields take the defaults.
     *
     * @param json           the {@code delivery} object of a connection request, or null
     * @param defaultTimeout the hub's default action timeout
     * @param errors         collects problems, each naming {@code delivery.<field>}
     */
    public static DeliverySettings parse(JsonNode json, Duration defaultTimeout, List<FieldError> errors) {
        List<Duration> schedule = DEFAULT_SCHEDULE;
        Duration timeout = defaultTimeout;
        int maxConcurrency = 64;
        if (json == null || json.isNull()) {
            return new DeliverySettings(schedule, timeout, maxConcurrency, List.of(), BreakerSettings.DEFAULT);
        }
        if (!json.isObject()) {
            errors.add(new FieldError("delivery", "must be an object"));
            return new DeliverySettings(schedule, timeout, maxConcurrency, List.of(), BreakerSettings.DEFAULT);
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                errors.add(new FieldError("delivery." + f, "unknown field; known: " + String.join(", ", FIELDS)));
            }
        }
        JsonNode s = json.get("retrySchedule");
        if (s != null && !s.isNull()) {
            if (!s.isArray() || s.size() > 50) {
                errors.add(new FieldError("delivery.retrySchedule", "must be an array of at most 50 durations"));
            } else {
                List<Duration> parsed = new ArrayList<>();
                for (int i = 0; i < s.size(); i++) {
                    Duration d = parseDuration(s.get(i).asText());
                    if (!s.get(i).isTextual() || d == null || d.compareTo(Duration.ofDays(7)) > 0
                            || d.isZero()) {
                        // a retry after no delay at all is a hot loop against a target that just failed
                        errors.add(new FieldError("delivery.retrySchedule[" + i + "]",
                                "must be a duration such as \"500ms\", \"5s\", \"5m\", \"2h\" or \"1d\", more than "
                                        + "0 and at most 7d"));
                    } else {
                        parsed.add(d);
                    }
                }
                schedule = parsed;
            }
        }
        JsonNode t = json.get("timeoutSeconds");
        if (t != null && !t.isNull()) {
            if (!t.isIntegralNumber() || t.asInt() < 1 || t.asInt() > 600) {
                errors.add(new FieldError("delivery.timeoutSeconds", "must be an integer between 1 and 600"));
            } else {
                timeout = Duration.ofSeconds(t.asInt());
            }
        }
        JsonNode c = json.get("maxConcurrency");
        if (c != null && !c.isNull()) {
            if (!c.isIntegralNumber() || c.asInt() < 1 || c.asInt() > 1024) {
                errors.add(new FieldError("delivery.maxConcurrency", "must be an integer between 1 and 1024"));
            } else {
                maxConcurrency = c.asInt();
            }
        }
        return new DeliverySettings(schedule, timeout, maxConcurrency, sendRates(json.get("sendRates"), errors),
                BreakerSettings.parse(json.get("breaker"), errors));
    }

    private static List<SendRate> sendRates(JsonNode json, List<FieldError> errors) {
        if (json == null || json.isNull()) {
            return List.of();
        }
        if (!json.isObject()) {
            errors.add(new FieldError("delivery.sendRates", "must be an object such as "
                    + "{\"connection\":\"20/1s\",\"conversation\":\"1/1s\"}"));
            return List.of();
        }
        List<SendRate> rates = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String scope = it.next();
            String field = "delivery.sendRates." + scope;
            if (!scope.equals("connection") && !scope.equals("conversation")) {
                errors.add(new FieldError(field, "unknown scope; known: connection, conversation"));
                continue;
            }
            JsonNode v = json.get(scope);
            Matcher m = v.isTextual() ? RATE.matcher(v.textValue().trim()) : null;
            Duration per = m != null && m.matches() ? parseDuration(m.group(2)) : null;
            if (per == null || per.isZero() || Integer.parseInt(m.group(1)) < 1) {
                errors.add(new FieldError(field, "must be <permits>/<duration> such as \"20/1s\" or \"1/3s\""));
                continue;
            }
            rates.add(new SendRate(Integer.parseInt(m.group(1)), per,
                    scope.equals("connection") ? SendRate.Scope.CONNECTION : SendRate.Scope.CONVERSATION));
        }
        return rates;
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode s = out.putArray("retrySchedule");
        retrySchedule.forEach(d -> s.add(format(d)));
        out.put("timeoutSeconds", timeout.toSeconds());
        out.put("maxConcurrency", maxConcurrency);
        if (!sendRates.isEmpty()) {
            ObjectNode rates = out.putObject("sendRates");
            sendRates.forEach(r -> rates.put(r.scope().wire(),
                    r.permits() + "/" + format(r.per())));
        }
        ObjectNode b = out.putObject("breaker");
        b.put("enabled", breaker.enabled());
        b.put("failureRatePercent", breaker.failureRatePercent());
        b.put("window", breaker.window());
        b.put("minimumCalls", breaker.minimumCalls());
        b.put("openSeconds", breaker.open().toSeconds());
        b.put("halfOpenCalls", breaker.halfOpenCalls());
        return out;
    }
}
