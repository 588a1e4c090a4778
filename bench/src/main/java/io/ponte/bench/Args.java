package io.ponte.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name=value} command-line options; every tool prints its own usage on a bad or missing one. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 3) {
                throw new IllegalArgumentException("expected --name=value, got: " + arg);
            }
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
    }

    String string(String name, String fallback) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return fallback;
        }
        return value;
    }

    long number(String name, long fallback) {
        String value = values.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got: " + value, e);
        }
    }

    int port(String name) {
        long port = number(name, -1);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--" + name + " must be a port between 1 and 65535");
        }
        return (int) port;
    }
}
