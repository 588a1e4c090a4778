package io.ponte.testkit;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.FollowUp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the follow-ups of drafts as the hub would once they are stored: the connector's own action with the
 * follow-up's input, its request's cause being the stored notice. What the hub adds around that (durability,
 * retries, ordering and coalescing per resource) is the hub's and tested there; here a test checks what the
 * connector's fetch does with each notice.
 */
public final class TestFollowUps {

    private static final AtomicLong IDS = new AtomicLong();

    private TestFollowUps() {
    }

    /** One follow-up run: the draft that carried it and the action's outcome. */
    public record Run(EnvelopeDraft notice, FollowUp followUp, ActionResult result) {
    }

    /**
     * Runs every follow-up the drafts carry, in order.
     *
     * @param connector the connection that emitted them (the follow-up's action is its own)
     * @param context   its context (for the notice's tenant and source)
     * @param drafts    what its receiver, poller or action produced
     * @return one run per draft with a follow-up
     */
    public static List<Run> run(Connector connector, TestConnectorContext context, List<EnvelopeDraft> drafts) {
        List<Run> runs = new ArrayList<>();
        for (EnvelopeDraft d : drafts) {
            FollowUp f = d.followUp();
            if (f == null) {
                continue;
            }
            long n = IDS.incrementAndGet();
            String id = "evt_NOTICE" + n;
            Envelope notice = new Envelope(id, context.tenant(), d.type(), context.connectionId(), d.externalId(),
                    d.conversation(), d.occurredAt() != null ? d.occurredAt() : context.clock().instant(),
                    d.correlationId() != null ? d.correlationId() : id, d.causationId(), d.payload(), d.attributes(),
                    0);
            runs.add(new Run(d, f, connector.invoke(new ActionRequest(f.action(), f.input(), notice,
                    "dlv_FOLLOWUP" + n, 1))));
        }
        return runs;
    }
}
