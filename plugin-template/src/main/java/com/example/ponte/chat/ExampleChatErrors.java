package com.example.ponte.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;

/**
 * Example Chat's errors, {@code {"error":{"code":"...","message":"..."}}}: retry what may work later (429, 5xx,
 * {@code "code":"busy"}), fail what never will, and report the connection down when the token is refused.
 */
final class ExampleChatErrors {

    private ExampleChatErrors() {
    }

    static Verdict classify(ProviderResponse answer) {
        JsonNode error = answer.json() == null ? null : answer.json().path("error");
        String code = error == null ? "" : error.path("code").asText("");
        String message = error == null ? "" : error.path("message").asText("");
        if ("busy".equals(code)) {
            return Verdict.of(ActionResult.retry("Example Chat is busy: " + message));
        }
        Verdict byStatus = Provider.byStatus("Example Chat", answer);
        if (code.isEmpty()) {
            return byStatus;
        }
        String reason = "Example Chat answered HTTP " + answer.status() + " " + code + ": " + message;
        return new Verdict(byStatus.result() instanceof ActionResult.Retry
                ? ActionResult.retry(reason) : ActionResult.failed(reason), byStatus.health());
    }
}
