package io.ponte.hub.routing;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one envelope into delivery plans: one per action of every matching route, plus, for a
 * {@code message.outbound} envelope in a conversation, a {@code message.send} through the conversation's channel
 * connection (no route needed). Pure and thread-safe; runs on the ingress request threads before the group commit,
 * so every condition and template runs under an {@link EvaluationBudget}, and all the routes of one envelope share
 * its time: an expensive route costs a routing error on the event, never a hung webhook.
 */
public final class Router {

    private final RouteTable routes;
    private final int maxHops;

    public Router(RouteTable routes, int maxHops) {
        this.routes = routes;
        this.maxHops = maxHops;
    }

    /**
     * A delivery to create.
     *
     * @param routeId     the route, or null for a conversation reply
     * @param orderingKey deliveries sharing it go strictly in order
     */
    public record Plan(String routeId, String target, String action, String input, String orderingKey) {
    }

    /**
     * The plans, and the first error met (a failing condition or template), or null. With {@code hopLimitReached}
     * the plans are what the routes would have done, to be stored dead with {@code error} as the reason: the envelope
     * is the last hop its chain may take (two systems feeding each other's webhooks would otherwise loop forever).
     */
    public record Routing(List<Plan> plans, String error, boolean hopLimitReached) {
    }

    public Routing route(Envelope envelope) {
        return route(envelope, Map.of());
    }

    /**
     * @param contact the hub's contact of the envelope's conversation as conditions and templates see it
     *                ({@code contact.id}, {@code contact.crm.<connector type>} ...), empty when there is none
     */
    public Routing route(Envelope envelope, Map<String, Object> contact) {
        List<Plan> plans = new ArrayList<>();
        StringBuilder errors = new StringBuilder();
        EnvelopeContext.Vars vars = null;
        EvaluationBudget.EnvelopeClock clock = null;
        String orderBy = orderBy(envelope);
        for (CompiledRoute route : routes.current()) {
            if (!route.prefilter(envelope)) {
                continue;
            }
            if (vars == null) {
                vars = EnvelopeContext.both(envelope, contact);
                clock = EvaluationBudget.EnvelopeClock.startNow();
            }
            try {
                plans.addAll(plans(route, vars, clock, orderBy));
            } catch (RuntimeException e) {
                if (!errors.isEmpty()) {
                    errors.append("; ");
                }
                errors.append("route ").append(route.id()).append(": ").append(e.getMessage());
            }
        }
        if (EnvelopeTypes.MESSAGE_OUTBOUND.equals(envelope.type()) && envelope.conversation() != null
                && envelope.payload() instanceof ChatMessage chat) {
            String channel = envelope.conversation().connectionId();
            plans.add(new Plan(null, channel, ActionNames.MESSAGE_SEND, replyInput(envelope, chat), channel + "|" + orderBy));
        }
        if (envelope.hops() >= maxHops && !plans.isEmpty()) {
            return new Routing(plans, "hop limit reached: this envelope is hop " + envelope.hops() + " of one chain "
                    + "(correlation " + envelope.correlationId() + "), and the limit is " + maxHops
                    + " (PONTE_MAX_HOPS); is there a routing loop between connections?", true);
        }
        return new Routing(plans, errors.isEmpty() ? null : truncate(errors.toString()), false);
    }

    /** A route's condition ({@code field} "condition") or one of its inputs ("input") failed on an envelope. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        Failure(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    /**
     * What one route whose source, type and tenant match makes of an envelope: a plan per action, or none when its
     * condition does not hold. All of a route's actions or none: a template stopped at the second must not send the
     * first alone.
     *
     * @throws Failure when the condition or an input fails or is stopped
     */
    static List<Plan> plans(CompiledRoute route, EnvelopeContext.Vars vars, EvaluationBudget.EnvelopeClock clock,
                            String orderBy) {
        boolean holds;
        try {
            holds = route.conditionHolds(vars.conditions(), clock);
        } catch (RuntimeException e) {
            throw new Failure("condition", e.getMessage());
        }
        if (!holds) {
            return List.of();
        }
        List<Plan> plans = new ArrayList<>(route.actions().size());
        for (CompiledRoute.CompiledAction a : route.actions()) {
            String input;
            try {
                input = HubJson.mapper().writeValueAsString(a.input().render(vars.templates(), clock));
            } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new Failure("input", e.getMessage());
            }
            plans.add(new Plan(route.id(), a.target(), a.action(), input, a.target() + "|" + orderBy));
        }
        return plans;
    }

    /** Conversation, else the plugin's {@code orderingKey} attribute, else the event itself (no ordering). */
    static String orderBy(Envelope envelope) {
        if (envelope.conversation() != null) {
            return envelope.conversation().toString();
        }
        String key = envelope.attributes().get("orderingKey");
        return key != null ? envelope.source() + ":" + key : envelope.id();
    }

    /** The input of a conversation reply: the address, the text (for text content) and the full content. */
    static String replyInput(Envelope envelope, ChatMessage chat) {
        ObjectNode input = HubJson.mapper().createObjectNode();
        input.put("to", chat.to() != null ? chat.to().address() : envelope.conversation().address());
        input.put("conversation", envelope.conversation().toString());
        if (chat.content() instanceof Content.Text text) {
            input.put("text", text.text());
        }
        input.set("content", HubJson.mapper().valueToTree(chat.content()));
        if (chat.replyTo() != null) {
            input.put("replyTo", chat.replyTo());
        }
        return input.toString();
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }
}
