package io.ponte.hub.routing;

/**
 * A route condition or input template that does not compile, with where in its text the library found the problem
 * (1-based; null when it does not say: JMustache gives the line only, a refused limit has no position).
 */
public final class InvalidExpression extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final Integer line;
    private final Integer column;

    InvalidExpression(String message, Integer line, Integer column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public Integer line() {
        return line;
    }

    public Integer column() {
        return column;
    }
}
