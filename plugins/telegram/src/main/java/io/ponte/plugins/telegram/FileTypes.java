package io.ponte.plugins.telegram;

import java.util.Locale;
import java.util.Map;

/**
 * The MIME type of a Telegram file, from the {@code file_path} that {@code getFile} returns
 * ({@code photos/file_12.jpg}, {@code voice/file_3.oga} ...): Telegram declares no type there, and the media fetcher
 * knows only the file id. Photos are always JPEG on Telegram's servers, whatever the extension says.
 */
final class FileTypes {

    /** The type of anything not in the table. */
    static final String UNKNOWN = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("tgs", "application/x-tgsticker"), Map.entry("webm", "video/webm"),
            Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"), Map.entry("mkv", "video/x-matroska"),
            Map.entry("oga", "audio/ogg"), Map.entry("ogg", "audio/ogg"), Map.entry("opus", "audio/ogg"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("wav", "audio/wav"),
            Map.entry("flac", "audio/flac"), Map.entry("pdf", "application/pdf"), Map.entry("zip", "application/zip"),
            Map.entry("txt", "text/plain"), Map.entry("csv", "text/csv"), Map.entry("json", "application/json"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

    private FileTypes() {
    }

    /**
     * The MIME type for a file path.
     *
     * @param filePath Telegram's {@code file_path}
     * @return the type; {@value #UNKNOWN} when the extension is not known
     */
    static String mimeOf(String filePath) {
        String path = filePath.toLowerCase(Locale.ROOT);
        if (path.startsWith("photos/")) {
            return MessageContents.PHOTO_MIME;
        }
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash) {
            return UNKNOWN;
        }
        return BY_EXTENSION.getOrDefault(path.substring(dot + 1), UNKNOWN);
    }

    /** The last segment of a file path, or null for an empty one. */
    static String fileName(String filePath) {
        String name = filePath.substring(filePath.lastIndexOf('/') + 1);
        return name.isEmpty() ? null : name;
    }
}
