package io.ponte.hub.routing;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * How Mustache templates see an envelope: the plain maps, lists and scalars {@link EnvelopeContext} builds, and
 * nothing else. JMustache's default collector reads public fields and calls public no-argument methods of whatever it
 * is given ({@code {{type.getBytes}}}); this one only looks keys up in maps and indexes ({@code items.0}) in lists. A
 * map or list written by a tag renders as JSON, not as Java's {@code toString}. Every look-up and every section
 * iteration is a step of the render's {@link EvaluationBudget}.
 */
final class TemplateData implements Mustache.Collector, Mustache.Formatter {

    /** The budget of the render running on this thread (JMustache renders on the caller's thread). */
    private static final ThreadLocal<EvaluationBudget> BUDGET = new ThreadLocal<>();

    private static final Mustache.VariableFetcher MAP_KEY = (ctx, name) -> {
        step();
        Map<?, ?> map = (Map<?, ?>) ctx;
        Object value = map.get(name);
        return value != null ? value : Template.NO_FETCHER_FOUND;
    };

    private static final Mustache.VariableFetcher LIST_INDEX = (ctx, name) -> {
        step();
        List<?> list = (List<?>) ctx;
        int index = Integer.parseInt(name);
        return index < list.size() ? list.get(index) : Template.NO_FETCHER_FOUND;
    };

    /** Runs a render with {@code budget} counting its steps. */
    static <T> T within(EvaluationBudget budget, Supplier<T> render) {
        BUDGET.set(budget);
        try {
            return render.get();
        } finally {
            BUDGET.remove();
        }
    }

    private static void step() {
        EvaluationBudget budget = BUDGET.get();
        if (budget != null) {
            budget.step();
        }
    }

    @Override
    public Iterator<?> toIterator(Object value) {
        if (!(value instanceof List<?> list)) {
            return null;
        }
        Iterator<?> items = list.iterator();
        return new Iterator<Object>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public Object next() {
                step();
                return items.next();
            }
        };
    }

    @Override
    public Mustache.VariableFetcher createFetcher(Object ctx, String name) {
        if (ctx instanceof Map<?, ?>) {
            return MAP_KEY;
        }
        if (ctx instanceof List<?> && isIndex(name)) {
            return LIST_INDEX;
        }
        return null;
    }

    private static boolean isIndex(String name) {
        if (name.isEmpty() || name.length() > 9) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public <K, V> Map<K, V> createFetcherCache() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public CharSequence format(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return HubJson.mapper().writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write a value as JSON: " + e.getOriginalMessage(), e);
            }
        }
        return value instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }
}
