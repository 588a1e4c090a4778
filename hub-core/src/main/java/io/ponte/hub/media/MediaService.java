package io.ponte.hub.media;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.ponte.api.media.MediaFetchException;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.media.MediaFile;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.Envelope;
import io.ponte.hub.connections.LiveConnections;
import io.ponte.hub.connections.LiveConnection;
import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.ingress.UnavailableException;
import io.ponte.hub.plugins.PluginGuard;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.storage.EventStore;
import io.ponte.hub.storage.MediaStore;
import io.ponte.hub.storage.S3MediaStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Inbound media on demand: the first request for an event's media downloads it through the connector's
 * {@link MediaFetcher} into {@code <data dir>/media/} (checked: size limit, declared size, SHA-256, MIME type),
 * later ones serve the stored copy. One download per file at a time.
 */
public final class MediaService {

    private static final Pattern MIME = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");
    private static final Pattern EVENT_ID = Pattern.compile("evt_[0-9A-Z]{26}");

    /** A stored media file: what is known of it and how to read it. */
    public record Stored(String mimeType, String fileName, long size, String sha256, Bytes content) {
    }

    /** Opens the stored bytes. */
    @FunctionalInterface
    public interface Bytes {
        InputStream open() throws IOException;
    }

    private final EventStore events;
    private final LiveConnections connections;
    private final MediaStore store;
    private final long maxBytes;
    private final ConcurrentHashMap<String, Object> downloading = new ConcurrentHashMap<>();

    public MediaService(EventStore events, LiveConnections connections, MediaStore store, long maxBytes) {
        this.events = events;
        this.connections = connections;
        this.store = store;
        this.maxBytes = maxBytes;
    }

    /**
     * The media of a stored inbound message, downloading it first if needed.
     *
     * @throws NotFoundException    no such event, or it carries no media
     * @throws ConflictException    the media cannot be fetched (no id, the connector offers no download, it failed
     *                              the checks or the provider no longer has it)
     * @throws UnavailableException the provider could not be reached (try later)
     */
    public Stored get(String eventId, java.util.function.Predicate<String> visibleTenant) {
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new NotFoundException("event", eventId);
        }
        EventRow row = events.get(eventId).filter(e -> visibleTenant.test(e.tenantId()))
                .orElseThrow(() -> new NotFoundException("event", eventId));
        Content.Media media = media(row).orElseThrow(() -> new NotFoundException("media for event", eventId));
        Object lock = downloading.computeIfAbsent(eventId, k -> new Object());
        try {
            synchronized (lock) {
                Stored stored = read(eventId);
                return stored != null ? stored : download(row, media);
            }
        } finally {
            downloading.remove(eventId, lock);
        }
    }

    private static java.util.Optional<Content.Media> media(EventRow row) {
        try {
            Envelope e = HubJson.mapper().readValue(row.body(), Envelope.class);
            return e.payload() instanceof ChatMessage c && c.content() instanceof Content.Media m
                    ? java.util.Optional.of(m) : java.util.Optional.empty();
        } catch (JsonProcessingException e) {
            return java.util.Optional.empty();
        }
    }

    private Stored download(EventRow row, Content.Media media) {
        if (media.mediaId() == null) {
            throw new ConflictException("this media has no provider media id, only a URL: fetch it from "
                    + "payload.content.url");
        }
        LiveConnection conn = connections.live(row.connectionId()).orElseThrow(() -> new ConflictException(
                "connection " + row.connectionId() + " is not open: " + connections.problem(row.connectionId())
                        .orElse("it no longer exists")));
        MediaFetcher fetcher = conn.instance().media().orElseThrow(() -> new ConflictException(
                "the " + conn.ref().connectorType() + " connector cannot download media"));
        Path tmp = null;
        try {
            Files.createDirectories(store.scratch());
            tmp = Files.createTempFile(store.scratch(), "download-", ".part");
            Path target = tmp;
            MediaStore.Meta meta = PluginGuard.call(conn.classLoader(), conn.mdc(),
                    conn.delivery().timeout().multipliedBy(4),
                    () -> copy(fetcher.fetch(media.mediaId(), maxBytes), media, target));
            store.put(row.id(), tmp, meta);
            tmp = null;
            return stored(row.id(), meta);
        } catch (MediaFetchException e) {
            if (e.retriable()) {
                throw new UnavailableException("the provider could not serve the media now: " + e.getMessage());
            }
            throw new ConflictException("the media cannot be downloaded: " + e.getMessage());
        } catch (PluginGuard.PluginCallException e) {
            throw new UnavailableException("downloading the media failed: " + e.getMessage());
        } catch (IOException e) {
            throw new UnavailableException("cannot write to the media store " + store.where() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ConflictException("the " + conn.ref().connectorType() + " connector failed to download the "
                    + "media: " + e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover .part file is harmless and overwritten by name never
                }
            }
        }
    }

    /** Copies with the checks; runs on the plugin's guarded thread. */
    private MediaStore.Meta copy(MediaFile file, Content.Media declared, Path target) {
        try (file; InputStream in = new DigestInputStream(file.content(), sha256());
             OutputStream out = Files.newOutputStream(target)) {
            String mime = file.mimeType().toLowerCase(Locale.ROOT).split(";")[0].strip();
            if (!MIME.matcher(mime).matches()) {
                throw MediaFetchException.permanent("the provider declared no valid MIME type ('"
                        + truncate(file.mimeType()) + "')");
            }
            String expected = declared.mimeType() == null ? null
                    : declared.mimeType().toLowerCase(Locale.ROOT).split(";")[0].strip();
            if (expected != null && !expected.equals(mime)) {
                throw MediaFetchException.permanent("the file is " + mime + " but the message declared "
                        + expected);
            }
            if (file.size() != null && file.size() > maxBytes) {
                throw MediaFetchException.permanent(tooLarge(file.size()));
            }
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw MediaFetchException.permanent(tooLarge(total) + " (and still growing)");
                }
                out.write(buffer, 0, n);
            }
            if (file.size() != null && file.size() != total) {
                throw MediaFetchException.retriable("the download was cut short: " + total + " of "
                        + file.size() + " bytes", null);
            }
            byte[] digest = ((DigestInputStream) in).getMessageDigest().digest();
            String hex = HexFormat.of().formatHex(digest);
            if (file.sha256() != null && !matches(file.sha256(), digest, hex)) {
                throw MediaFetchException.permanent("the file's SHA-256 does not match the provider's");
            }
            return new MediaStore.Meta(mime, file.fileName() != null ? file.fileName() : declared.fileName(), total,
                    hex);
        } catch (IOException e) {
            throw MediaFetchException.retriable("reading the media failed: " + e.getMessage(), e);
        }
    }

    private String tooLarge(long size) {
        return "the file has " + size + " bytes, more than PONTE_MEDIA_MAX_BYTES (" + maxBytes + ")";
    }

    /** Providers give the digest as hex (WhatsApp's media URL answer) or base64 (WhatsApp's webhooks). */
    private static boolean matches(String given, byte[] digest, String hex) {
        String g = given.strip();
        return g.equalsIgnoreCase(hex) || g.equals(Base64.getEncoder().encodeToString(digest))
                || g.equals(Base64.getEncoder().withoutPadding().encodeToString(digest));
    }

    private Stored read(String eventId) {
        try {
            return store.meta(eventId).map(meta -> stored(eventId, meta)).orElse(null);
        } catch (S3MediaStore.StoreUnavailableException e) {
            throw new UnavailableException(e.getMessage());
        }
    }

    private Stored stored(String eventId, MediaStore.Meta meta) {
        return new Stored(meta.mimeType(), meta.fileName(), meta.size(), meta.sha256(), () -> store.open(eventId));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80);
    }
}
