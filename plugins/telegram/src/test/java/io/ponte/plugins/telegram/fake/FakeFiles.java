package io.ponte.plugins.telegram.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The files {@link FakeBotApi} serves through {@code getFile} and {@code /file/bot<token>/<file_path>}. */
final class FakeFiles {

    private record StoredFile(String fileId, String filePath, byte[] content) {
    }

    private final Map<String, StoredFile> byId = new ConcurrentHashMap<>();

    void add(String fileId, String filePath, byte[] content) {
        byId.put(fileId, new StoredFile(fileId, filePath, content.clone()));
    }

    void clear() {
        byId.clear();
    }

    /** The File object {@code getFile} returns, or null for an unknown id. */
    ObjectNode describe(String fileId) {
        StoredFile file = byId.get(fileId);
        if (file == null) {
            return null;
        }
        ObjectNode result = BotApiShapes.JSON.createObjectNode();
        result.put("file_id", file.fileId());
        result.put("file_unique_id", "AQAD" + Integer.toHexString(file.fileId().hashCode()));
        result.put("file_size", file.content().length);
        result.put("file_path", file.filePath());
        return result;
    }

    /** The bytes at a file path, or null. */
    byte[] content(String filePath) {
        return byId.values().stream().filter(f -> f.filePath().equals(filePath)).findFirst()
                .map(f -> f.content().clone()).orElse(null);
    }
}
