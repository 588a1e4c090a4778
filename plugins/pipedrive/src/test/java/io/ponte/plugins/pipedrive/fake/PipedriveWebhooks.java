package io.ponte.plugins.pipedrive.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Pipedrive's webhook v2 bodies, built from the official examples (the fixtures under {@code pipedrive/webhooks/})
 * with the fields a test changes, and the HTTP Basic header Pipedrive sends. Stateless.
 */
public final class PipedriveWebhooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PipedriveWebhooks() {
    }

    /** {@code Authorization: Basic base64(user:password)} (RFC 7617). */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A fixture's bytes as Pipedrive sent them ({@code webhooks/deal-change.json} ...). */
    public static byte[] fixture(String name) {
        try (InputStream in = PipedriveWebhooks.class.getResourceAsStream("/pipedrive/webhooks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The official "Update deal" example moved: {@code data} of the deal with this id, person, stage and status,
     * {@code previous} with the old stage and status, a fresh {@code meta.id}.
     */
    public static byte[] dealChange(long dealId, long personId, long stageId, String status, long previousStageId,
                                    String previousStatus) {
        ObjectNode event = read("deal-change.json");
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("id", dealId).put("person_id", personId).put("stage_id", stageId).put("status", status);
        ObjectNode previous = event.putObject("previous");
        previous.put("stage_id", previousStageId).put("status", previousStatus);
        ((ObjectNode) event.get("meta")).put("id", UUID.randomUUID().toString())
                .put("entity_id", Long.toString(dealId));
        return bytes(event);
    }

    private static ObjectNode read(String name) {
        try {
            return (ObjectNode) JSON.readTree(fixture(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
