package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.media.MediaService;
import java.io.IOException;
import java.util.Set;

/** {@code GET /api/v1/media/{eventId}}: the media file of an inbound message, downloaded on first request. */
final class MediaController {

    // shown inline; everything else (documents, SVG, HTML ...) is served as an attachment
    private static final Set<String> INLINE = Set.of("image/jpeg", "image/png", "image/webp", "image/gif",
            "audio/ogg", "audio/mpeg", "audio/aac", "audio/mp4", "audio/amr", "video/mp4", "video/3gpp");

    private final MediaService media;

    MediaController(MediaService media) {
        this.media = media;
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/media/{id}", this::get);
    }

    private void get(Context ctx) {
        MediaService.Stored s = media.get(ctx.pathParam("id"), Access.of(ctx)::sees);
        String name = s.fileName() == null ? ctx.pathParam("id") : s.fileName().replaceAll("[^A-Za-z0-9._ -]", "_");
        // a binary type: no charset (Javalin's default UTF-8 encoding would append one)
        ctx.res().setCharacterEncoding(null);
        ctx.res().setHeader("Content-Type", s.mimeType());
        ctx.header("Content-Disposition", (INLINE.contains(s.mimeType()) ? "inline" : "attachment")
                + "; filename=\"" + name + "\"");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("X-Ponte-Sha256", s.sha256());
        ctx.header("Content-Length", Long.toString(s.size()));
        try {
            ctx.result(s.content().open());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new io.ponte.hub.errors.NotFoundException("media for event", ctx.pathParam("id"));
        } catch (IOException e) {
            throw new io.ponte.hub.ingress.UnavailableException("the media store cannot serve the file now: "
                    + e.getMessage());
        }
    }
}
