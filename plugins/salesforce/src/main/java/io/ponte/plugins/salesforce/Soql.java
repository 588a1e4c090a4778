package io.ponte.plugins.salesforce;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** SOQL literals: quoted, escaped strings and dateTime values. Stateless. */
final class Soql {

    private Soql() {
    }

    /**
     * A string literal, quotes included, with the escapes SOQL defines ({@code \\ \' \" \n \r \t \b \f}), so no
     * input can end the literal and add a condition of its own.
     */
    static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** A dateTime literal ({@code 2024-05-01T12:34:56Z}, unquoted): SOQL takes whole seconds. */
    static String dateTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /**
     * Reads a dateTime as the REST API writes it ({@code 2024-05-01T12:34:56.000+0000}).
     *
     * @throws java.time.format.DateTimeParseException when it is none
     */
    static Instant instant(String value) {
        return java.time.OffsetDateTime.parse(value, FORMAT).toInstant();
    }

    private static final java.time.format.DateTimeFormatter FORMAT =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSS][XXX][XX][X]");
}
