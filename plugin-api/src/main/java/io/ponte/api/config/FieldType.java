package io.ponte.api.config;

/** The JSON type of a config field, and how the hub validates it. */
public enum FieldType {
    /** A JSON string. */
    STRING,
    /** A JSON string holding an absolute {@code http} or {@code https} URL. */
    URL,
    /** A JSON integer. */
    INTEGER,
    /** A JSON number. */
    NUMBER,
    /** A JSON boolean. */
    BOOLEAN,
    /** A JSON array of strings. */
    STRING_LIST,
    /** Any JSON value (object, array ...); the connector validates the inside itself. */
    JSON;

    /** The written form (JSON, the database): the name in lower case. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
