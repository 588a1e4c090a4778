package io.ponte.plugins.openai;

import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Lead;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.agent.Agent;
import io.ponte.kit.agent.Decision;
import io.ponte.kit.agent.Turn;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent says to one inbound message (the kit's protocol does the rest): hand over on a keyword; route to a
 * specialist; otherwise build the prompt, run the model's turn with its tools, close a qualified lead, and reply
 * with a usage note. When no model answers: the {@code fallbackReply}, else a retry (the reply's key keeps it to
 * one). Thread-safe: each reply has its own {@link Usage}.
 */
final class AgentReply implements Agent {

    private final OpenAiAgentConfig config;
    private final ConnectorContext context;
    private final Memory memory;
    private final PromptBuilder prompts;
    private final ToolLoop loop;
    private final Handoff handoff;
    private final Qualification qualification;
    private final Orchestrator orchestrator;

    AgentReply(OpenAiAgentConfig config, ConnectorContext context, ModelCaller caller) {
        this.config = config;
        this.context = context;
        this.memory = new Memory(context.state());
        this.prompts = new PromptBuilder(config);
        this.loop = new ToolLoop(config, caller, context.actions(), memory);
        this.handoff = new Handoff(config.handoff());
        this.qualification = config.qualification() == null ? null
                : new Qualification(config.qualification(), memory);
        this.orchestrator = config.specialists() == null ? null
                : new Orchestrator(config.specialists(), caller, memory);
    }

    /**
     * @throws ActionFailure failed when the provider refused the key; a retry when no model answered and no
     *                       {@code fallbackReply} is set
     */
    @Override
    public Decision decide(Turn turn) {
        Usage usage = new Usage(config.prices(), context.metrics());
        String text = PromptBuilder.describe(turn.content());
        String keyword = handoff.keyword(text);
        if (keyword != null) {
            return handoff.handOver(turn, "keyword: " + keyword, usage);
        }
        if (orchestrator != null) {
            Optional<Decision> routed = orchestrator.route(turn, text, usage);
            if (routed.isPresent()) {
                return routed.get();
            }
        }
        ConversationKey key = turn.conversation();
        boolean leadOpen = qualification != null && qualification.collecting(key);
        Map<String, String> facts = memory.facts(key);
        var prompt = prompts.build(turn, facts, leadOpen ? qualification.instructions(key) : null,
                turn.historyBefore(prompts.historyLimit()));
        ToolBox tools = ToolBox.of(config, context.actions(), leadOpen);
        return switch (loop.run(turn, prompt, tools, qualification, usage)) {
            case ToolLoop.Result.HandedOff h -> handoff.handOver(turn, h.reason(), usage);
            case ToolLoop.Result.NoModel n -> noModel(turn, n.outcome(), usage);
            case ToolLoop.Result.Text t -> text(turn, t.text(), usage);
        };
    }

    private Decision text(Turn turn, String text, Usage usage) {
        Lead lead = qualification == null ? null : qualification.closeIfComplete(turn);
        String reply = text;
        String via = "model";
        if (lead != null) {
            turn.output().set("lead", Json.MAPPER.valueToTree(lead));
            if (qualification.closingMessage() != null) {
                reply = qualification.closingMessage();
                via = "lead";
            }
        }
        usage.keep(turn);
        if (reply == null || reply.isBlank()) {
            if (config.fallbackReply() == null) {
                return new Decision.Skip("the model gave no text answer", "no_text");
            }
            turn.output().put("fallback", true);
            return new Decision.Reply(config.fallbackReply(), "fallback");
        }
        return new Decision.Reply(reply, via);
    }

    private Decision noModel(Turn turn, ModelCaller.Outcome outcome, Usage usage) {
        if (outcome instanceof ModelCaller.Outcome.Refused r) {
            throw ActionFailure.failed(r.reason());
        }
        ModelCaller.Outcome.Unavailable u = (ModelCaller.Outcome.Unavailable) outcome;
        if (config.fallbackReply() != null) {
            turn.output().put("fallback", true).put("reason", u.reason());
            usage.keep(turn);
            return new Decision.Reply(config.fallbackReply(), "fallback");
        }
        if (!u.transientFailure()) {
            throw ActionFailure.failed(u.reason());
        }
        throw u.after() == null ? ActionFailure.retry(u.reason()) : ActionFailure.retryAfter(u.after(), u.reason());
    }
}
