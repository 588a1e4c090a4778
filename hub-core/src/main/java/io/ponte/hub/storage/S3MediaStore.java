package io.ponte.hub.storage;

import io.ponte.hub.config.MediaStoreSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Media in an S3-compatible bucket (AWS S3, MinIO, R2, Ceph...) through the official AWS SDK v2, so every node of a
 * cluster serves what any node downloaded. One object per event, {@code <prefix>/<event id>}, with the MIME type as
 * its {@code Content-Type} and the file name and SHA-256 as user metadata.
 */
public final class S3MediaStore implements MediaStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3MediaStore.class);
    private static final Pattern EVENT = Pattern.compile("evt_[0-9A-Z]{26}");

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Path scratch;
    private final EventStore events;
    private final String where;

    private S3MediaStore(S3Client s3, MediaStoreSettings settings, Path scratch, EventStore events) {
        this.s3 = s3;
        this.bucket = settings.bucket();
        this.prefix = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
        this.scratch = scratch;
        this.events = events;
        this.where = settings.toString();
    }

    /**
     * Connects and checks the bucket is there and these credentials reach it.
     *
     * @throws IllegalStateException saying what to fix when the bucket is missing or access is refused
     */
    public static S3MediaStore open(MediaStoreSettings settings, Path dataDir, EventStore events) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                // S3-compatible servers (MinIO, R2, S3Proxy, older Ceph) reject the SDK's newer default checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(settings.accessKey().isPresent()
                        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(),
                                settings.secretKey().orElseThrow()))
                        : DefaultCredentialsProvider.builder().build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        S3Client s3 = builder.build();
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (S3Exception e) {
            s3.close();
            throw new IllegalStateException("media store " + settings + ": " + (e.statusCode() == 404
                    ? "the bucket does not exist: create it first"
                    : "access refused (" + e.statusCode() + "): check PONTE_MEDIA_S3_ACCESS_KEY/SECRET_KEY and the "
                    + "bucket policy"), e);
        } catch (SdkException e) {
            s3.close();
            throw new IllegalStateException("media store " + settings + " cannot be reached: " + e.getMessage()
                    + " (check PONTE_MEDIA_S3_ENDPOINT and PONTE_MEDIA_S3_REGION)", e);
        }
        return new S3MediaStore(s3, settings, dataDir.resolve("media-downloads"), events);
    }

    private String key(String eventId) {
        return prefix + eventId;
    }

    @Override
    public Optional<Meta> meta(String eventId) {
        try {
            HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key(eventId)));
            Map<String, String> user = head.metadata();
            String sha = user.get("sha256");
            if (sha == null) {
                return Optional.empty();
            }
            String name = user.get("filename");
            return Optional.of(new Meta(head.contentType(), name == null ? null
                    : URLDecoder.decode(name, StandardCharsets.UTF_8), head.contentLength(), sha));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new StoreUnavailableException("media store " + where + " answered " + e.statusCode(), e);
        } catch (SdkException e) {
            throw new StoreUnavailableException("media store " + where + " cannot be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String eventId) throws IOException {
        try {
            return s3.getObject(g -> g.bucket(bucket).key(key(eventId)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key(eventId));
        } catch (SdkException e) {
            throw new IOException("media store " + where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String eventId, Path download, Meta meta) throws IOException {
        try {
            Map<String, String> user = new java.util.HashMap<>();
            user.put("sha256", meta.sha256());
            if (meta.fileName() != null) {
                user.put("filename", URLEncoder.encode(meta.fileName(), StandardCharsets.UTF_8));
            }
            s3.putObject(p -> p.bucket(bucket).key(key(eventId)).contentType(meta.mimeType())
                    .contentLength(meta.size()).metadata(user), RequestBody.fromFile(download));
        } catch (SdkException e) {
            throw new IOException("storing the media in " + where + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(download);
        }
    }

    @Override
    public Path scratch() {
        return scratch;
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public int sweep() {
        int deleted = 0;
        try {
            Set<String> batch = new LinkedHashSet<>();
            for (S3Object object : s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix)).contents()) {
                String id = object.key().substring(prefix.length());
                if (EVENT.matcher(id).matches()) {
                    batch.add(id);
                }
                if (batch.size() >= LocalMediaStore.BATCH) {
                    deleted += deleteGone(batch);
                    batch.clear();
                }
            }
            deleted += deleteGone(batch);
        } catch (RuntimeException e) {
            LOG.warn("sweeping the media of deleted events from {} failed: {}", where, e.getMessage());
        }
        return deleted;
    }

    private int deleteGone(Set<String> ids) {
        List<String> gone = LocalMediaStore.gone(events, ids);
        if (gone.isEmpty()) {
            return 0;
        }
        List<ObjectIdentifier> keys = gone.stream().map(id -> ObjectIdentifier.builder().key(key(id)).build())
                .toList();
        var answer = s3.deleteObjects(d -> d.bucket(bucket).delete(Delete.builder().objects(keys).quiet(true)
                .build()));
        answer.errors().forEach(e -> LOG.warn("media store {} did not delete {}: {} {}", where, e.key(), e.code(),
                e.message()));
        return gone.size() - answer.errors().size();
    }

    @Override
    public void close() {
        s3.close();
    }

    /** The store cannot answer now: the caller reports the media as temporarily unavailable. */
    public static final class StoreUnavailableException extends RuntimeException {
        StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
