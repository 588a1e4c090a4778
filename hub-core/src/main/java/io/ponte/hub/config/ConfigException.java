package io.ponte.hub.config;

/** The hub's settings are invalid; the message names the setting and says how to fix it. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
