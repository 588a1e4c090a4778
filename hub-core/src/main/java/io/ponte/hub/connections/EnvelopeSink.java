package io.ponte.hub.connections;

import io.ponte.api.message.EnvelopeDraft;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Where envelopes a connector emits go: stored durably, deduped and routed (implemented by ingress). */
public interface EnvelopeSink {

    /** @return the new envelope ids (null for duplicates), once durably stored */
    CompletionStage<List<String>> accept(ConnectionRef source, List<EnvelopeDraft> drafts);
}
