package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.conversation.ConversationInfo;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.error.RetriableException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Lead;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code agent.reply} action, one inbound message at a time: stay silent when a human has the conversation;
 * hand over on a keyword; route to a specialist; otherwise build the prompt, run the model's turn with its tools,
 * close a qualified lead, and emit exactly one reply ({@code reply:<cause id>}) with a usage note. When no model
 * answers: the {@code fallbackReply}, else {@link ActionResult.Retry} (the hub tries again later; the reply's
 * external id keeps it to one).
 */
final class AgentReply {

    static final String ACTION = "agent.reply";

    private final OpenAiAgentConfig config;
    private final ConnectorContext context;
    private final ConversationOutput output;
    private final Memory memory;
    private final PromptBuilder prompts;
    private final ToolLoop loop;
    private final Handoff handoff;
    private final Qualification qualification;
    private final Orchestrator orchestrator;

    AgentReply(OpenAiAgentConfig config, ConnectorContext context, ModelCaller caller) {
        this.config = config;
        this.context = context;
        this.output = new ConversationOutput(context.emitter());
        this.memory = new Memory(context.state());
        this.prompts = new PromptBuilder(config);
        this.loop = new ToolLoop(config, caller, context.actions(), memory, output);
        this.handoff = new Handoff(config.handoff(), context.conversations(), output);
        this.qualification = config.qualification() == null ? null
                : new Qualification(config.qualification(), memory, output);
        this.orchestrator = config.specialists() == null ? null
                : new Orchestrator(config.specialists(), caller, context.actions(), memory, output);
    }

    ActionResult reply(ActionRequest request) {
        Inbound probe = Inbound.of(request.cause(), null);
        if (probe == null) {
            return ActionResult.failed("agent.reply needs an inbound chat message as its cause");
        }
        Optional<ConversationInfo> info = context.conversations().get(probe.conversation());
        if (info.isPresent() && (info.get().state() == ConversationState.human
                || info.get().state() == ConversationState.closed)) {
            return new ActionResult.Delivered(null, Json.object().put("skipped", "the conversation is "
                    + info.get().state() + ": the agent stays silent"));
        }
        Inbound in = Inbound.of(request.cause(), info.map(ConversationInfo::contactName).orElse(null));
        Usage usage = new Usage(config.prices(), context.metrics());
        try {
            String keyword = handoff.keyword(in);
            if (keyword != null) {
                return handoff.handOver(in, "keyword: " + keyword, null);
            }
            if (orchestrator != null) {
                Optional<ActionResult> routed = orchestrator.route(in, usage);
                if (routed.isPresent()) {
                    return routed.get();
                }
            }
            return answer(in, usage);
        } catch (RetriableException e) {
            return ActionResult.retry(e.getMessage());
        }
    }

    private ActionResult answer(Inbound in, Usage usage) {
        String key = in.conversation();
        boolean leadOpen = qualification != null && qualification.collecting(key);
        Map<String, String> facts = memory.facts(key);
        List<PromptBuilder.PromptMessage> prompt = prompts.build(in, context.tenant(), facts,
                leadOpen ? qualification.instructions(key) : null,
                context.conversations().history(key, prompts.historyLimit()));
        ToolBox tools = ToolBox.of(config, context.actions(), leadOpen);
        return switch (loop.run(in, prompt, tools, qualification, usage)) {
            case ToolLoop.Result.HandedOff h -> handoff.handOver(in, h.reason(), usage);
            case ToolLoop.Result.NoModel n -> noModel(in, n.outcome(), usage);
            case ToolLoop.Result.Text t -> text(in, t.text(), usage);
        };
    }

    private ActionResult text(Inbound in, String text, Usage usage) {
        ObjectNode out = Json.object();
        Lead lead = qualification == null ? null : qualification.closeIfComplete(in);
        String reply = text;
        if (lead != null) {
            out.set("lead", Json.MAPPER.valueToTree(lead));
            if (qualification.closingMessage() != null) {
                reply = qualification.closingMessage();
            }
        }
        if (reply == null || reply.isBlank()) {
            if (config.fallbackReply() == null) {
                output.notes(usageNote(in, usage, out));
                return new ActionResult.Delivered(null, out.put("skipped", "the model gave no text answer"));
            }
            reply = config.fallbackReply();
            out.put("fallback", true);
        }
        String ref = output.reply(in, reply, usageNote(in, usage, out));
        return new ActionResult.Delivered(ref, out.put("reply", reply));
    }

    private ActionResult noModel(Inbound in, ModelCaller.Outcome outcome, Usage usage) {
        if (outcome instanceof ModelCaller.Outcome.Refused r) {
            return ActionResult.failed(r.reason());
        }
        ModelCaller.Outcome.Unavailable u = (ModelCaller.Outcome.Unavailable) outcome;
        if (config.fallbackReply() != null) {
            ObjectNode out = Json.object().put("fallback", true).put("reason", u.reason());
            String ref = output.reply(in, config.fallbackReply(), usageNote(in, usage, out));
            return new ActionResult.Delivered(ref, out.put("reply", config.fallbackReply()));
        }
        return u.transientFailure() ? new ActionResult.Retry(u.after(), u.reason()) : ActionResult.failed(u.reason());
    }

    /** The usage note (and the usage in the output), when any model answered. */
    private static List<EnvelopeDraft> usageNote(Inbound in, Usage usage, ObjectNode out) {
        List<EnvelopeDraft> notes = new ArrayList<>();
        if (usage.any()) {
            out.set("usage", usage.json());
            notes.add(ConversationOutput.note(in, "usage", Json.object().set("usage",
                    usage.json())));
        }
        return notes;
    }
}
