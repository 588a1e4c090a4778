package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.config.ConfigError;
import io.ponte.kit.agent.Decision;
import io.ponte.kit.agent.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The agent as a router over specialist agents: classifies each message into one of the configured intents (by
 * keywords, or by one model call at temperature 0), keeps the choice under {@code intent:<key>} until
 * another intent is recognised (a {@code conversation.note} marks each change), and delegates the message to the
 * specialist's {@code agent.reply}, whose outcome is the agent's. No intent, now or before: the agent answers
 * itself.
 */
final class Orchestrator {

    /**
     * One specialist.
     *
     * @param name        the intent's name
     * @param connection  the specialist agent's connection id
     * @param description what it handles, for the model classifier
     * @param keywords    words that select it (rules classifier)
     */
    record Intent(String name, String connection, String description, List<String> keywords) {
        Intent {
            keywords = List.copyOf(keywords);
        }
    }

    /**
     * The {@code specialists} config.
     *
     * @param byModel whether the model classifies ({@code "classifier":"model"}) rather than keywords
     * @param intents the specialists, in order; at least one
     */
    record Settings(boolean byModel, List<Intent> intents) {

        Settings {
            intents = List.copyOf(intents);
        }

        static Settings parse(JsonNode node, List<ConfigError> errors) {
            String f = OpenAiAgentConfig.SPECIALISTS.name();
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isObject()) {
                errors.add(new ConfigError(f, "must be an object {\"classifier\":\"model\"|\"rules\","
                        + "\"intents\":[...]}"));
                return null;
            }
            String classifier = node.path("classifier").asText("rules");
            if (!classifier.equals("model") && !classifier.equals("rules")) {
                errors.add(new ConfigError(f + ".classifier", "must be \"model\" or \"rules\""));
            }
            List<Intent> intents = new ArrayList<>();
            JsonNode list = node.path("intents");
            if (!list.isArray() || list.isEmpty()) {
                errors.add(new ConfigError(f + ".intents", "must be a non-empty array of {\"name\",\"connection\","
                        + "\"description\",\"keywords\"}"));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode it = list.get(i);
                    String name = it.path("name").asText("");
                    String conn = it.path("connection").asText("");
                    if (!name.matches("[a-z][a-z0-9_-]{0,63}") || name.equals("none")) {
                        errors.add(new ConfigError(f + ".intents[" + i + "].name",
                                "must be a lower-case word other than none"));
                        continue;
                    }
                    if (conn.isBlank()) {
                        errors.add(new ConfigError(f + ".intents[" + i + "].connection",
                                "must name the specialist agent's connection"));
                        continue;
                    }
                    List<String> keywords = new ArrayList<>();
                    it.path("keywords").forEach(k -> keywords.add(k.asText()));
                    if (classifier.equals("rules") && keywords.stream().allMatch(k -> Words.of(k).isEmpty())) {
                        errors.add(new ConfigError(f + ".intents[" + i + "].keywords",
                                "are needed with the rules classifier"));
                    }
                    intents.add(new Intent(name, conn.strip(), it.path("description").asText(""), keywords));
                }
            }
            return new Settings(classifier.equals("model"), intents);
        }

        Optional<Intent> intent(String name) {
            return intents.stream().filter(i -> i.name().equals(name)).findFirst();
        }
    }

    private final Settings settings;
    private final ModelCaller caller;
    private final Memory memory;

    Orchestrator(Settings settings, ModelCaller caller, Memory memory) {
        this.settings = settings;
        this.caller = caller;
        this.memory = memory;
    }

    /**
     * The delegation to the specialist, or empty when the agent should answer itself.
     *
     * @param text the message as the model reads it
     */
    Optional<Decision> route(Turn turn, String text, Usage usage) {
        Optional<Intent> classified = settings.byModel() ? byModel(text, usage) : byRules(text);
        Optional<Intent> previous = memory.intent(turn.conversation()).flatMap(settings::intent);
        Optional<Intent> chosen = classified.isPresent() ? classified : previous;
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        if (!chosen.equals(previous)) {
            memory.saveIntent(turn.conversation(), chosen.get().name());
            ObjectNode note = Json.object().put("intent", chosen.get().name())
                    .put("specialist", chosen.get().connection());
            note.put("previous", previous.map(Intent::name).orElse(null));
            turn.note("intent", note);
        }
        usage.keep(turn);
        return Optional.of(new Decision.Delegate(chosen.get().connection()));
    }

    private Optional<Intent> byRules(String text) {
        for (Intent intent : settings.intents()) {
            if (Words.firstMatch(text, intent.keywords()) != null) {
                return Optional.of(intent);
            }
        }
        return Optional.empty();
    }

    private Optional<Intent> byModel(String text, Usage usage) {
        StringBuilder system = new StringBuilder("Classify the contact's message into exactly one intent. Answer "
                + "with the intent name only, one of: ");
        settings.intents().forEach(i -> system.append(i.name()).append(", "));
        system.append("none.");
        settings.intents().forEach(i -> system.append("\n- ").append(i.name()).append(": ").append(i.description()));
        system.append("\n- none: anything else.");
        List<PromptBuilder.PromptMessage> prompt = List.of(new PromptBuilder.PromptMessage("system",
                system.toString()), new PromptBuilder.PromptMessage("user", text));
        ModelCaller.Outcome outcome = caller.complete(new Chat.Request(ToolLoop.chat(prompt), List.of(), false,
                0.0), 0);
        if (!(outcome instanceof ModelCaller.Outcome.Answer answer)) {
            return Optional.empty();
        }
        usage.add(answer.provider(), answer.model(), answer.answer());
        String said = answer.answer().text() == null ? "" : answer.answer().text();
        String name = said.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        return settings.intent(name);
    }
}
