package io.ponte.hub.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.json.HubJson;
import io.ponte.hub.storage.EventStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Payment totals from the stored {@code payment.*} events ({@code GET /api/v1/reports/payments}): per tenant,
 * provider (the source connector type), status (the event type's last part: succeeded, pending, failed, refunded,
 * disputed), method, currency and day (UTC, by when the provider says it happened), over a range of days. Amounts
 * are summed per currency, never across currencies. Covers the events the hub still keeps ({@code
 * PONTE_RETENTION_DAYS}). Thread-safe (holds no state of its own).
 */
public final class PaymentReports {

    /** The longest range one report covers. */
    static final int MAX_DAYS = 366;
    /** How far ahead of the hub's clock a provider's clock may be and its event still be found. */
    private static final Duration SKEW = Duration.ofDays(1);

    private final EventStore events;
    private final Clock clock;

    public PaymentReports(EventStore events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * One line of a report.
     *
     * @param amount the sum of the events' amounts in major units (events without one count, add nothing)
     */
    public record Line(String tenant, String provider, String status, String method, String currency, LocalDate day,
                       long count, BigDecimal amount) {
    }

    /** A report: its range (both days included) and lines, ordered by day, tenant, provider, status, method. */
    public record Report(LocalDate from, LocalDate to, List<Line> lines) {
    }

    /**
     * The report.
     *
     * @param tenant the tenant, or null for every tenant's (an admin key)
     * @param from   the first day, {@code YYYY-MM-DD}, or null for 29 days before {@code to}
     * @param to     the last day, or null for today (UTC)
     * @throws ValidationException naming {@code from} or {@code to}: not a date, reversed, or over 366 days
     */
    public Report payments(String tenant, String from, String to) {
        LocalDate last = day("to", to, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        LocalDate first = day("from", from, last.minusDays(29));
        if (first.isAfter(last)) {
            throw new ValidationException("from", "must not be after to (" + last + ")");
        }
        if (first.plusDays(MAX_DAYS).isBefore(last.plusDays(1))) {
            throw new ValidationException("to", "a report covers at most " + MAX_DAYS + " days");
        }
        long start = first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        Map<List<Object>, Line> lines = new TreeMap<>(Comparator.comparing(Object::toString));
        // an event is received after it happened, however late: scan what arrived since the range began (a key
        // range, ids being time-ordered) and count each on the day it happened
        events.payments(tenant, start - SKEW.toMillis(), Math.max(end, clock.millis()) + 1, e -> {
            if (e.occurredAt() < start || e.occurredAt() >= end) {
                return;
            }
            JsonNode payload = payload(e.body());
            String status = e.type().substring("payment.".length());
            String method = text(payload, "method", "unknown");
            String currency = text(payload, "currency", "").toUpperCase(Locale.ROOT);
            LocalDate day = Instant.ofEpochMilli(e.occurredAt()).atZone(ZoneOffset.UTC).toLocalDate();
            BigDecimal amount = payload.path("amount").isNumber() ? payload.path("amount").decimalValue()
                    : BigDecimal.ZERO;
            List<Object> key = List.of(day, e.tenantId(), e.connectorType(), status, method, currency);
            lines.merge(key, new Line(e.tenantId(), e.connectorType(), status, method, currency, day, 1, amount),
                    (a, b) -> new Line(a.tenant(), a.provider(), a.status(), a.method(), a.currency(), a.day(),
                            a.count() + b.count(), a.amount().add(b.amount())));
        });
        return new Report(first, last, List.copyOf(new ArrayList<>(lines.values())));
    }

    /** The report as CSV (RFC 4180, a header line, {@code \r\n} line ends). */
    public static String csv(Report report) {
        StringBuilder out = new StringBuilder("day,tenant,provider,status,method,currency,count,amount\r\n");
        for (Line l : report.lines()) {
            out.append(l.day()).append(',').append(cell(l.tenant())).append(',').append(cell(l.provider()))
                    .append(',').append(cell(l.status())).append(',').append(cell(l.method())).append(',')
                    .append(cell(l.currency())).append(',').append(l.count()).append(',')
                    .append(l.amount().toPlainString()).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        // a leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection)
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    private static LocalDate day(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be a date, YYYY-MM-DD");
        }
    }

    private static JsonNode payload(String body) {
        try {
            return HubJson.mapper().readTree(body).path("payload");
        } catch (IOException e) {
            return HubJson.mapper().missingNode();
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.textValue().isBlank() ? v.textValue() : fallback;
    }
}
