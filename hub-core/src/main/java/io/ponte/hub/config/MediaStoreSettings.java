package io.ponte.hub.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where inbound media are kept ({@code PONTE_MEDIA_STORE}): {@code local} (the data dir, per node) or an
 * S3-compatible bucket ({@code s3://bucket/prefix}) every node of a cluster shares. The secret key never reaches
 * {@link #toString()}.
 */
public record MediaStoreSettings(String bucket, String prefix, Optional<URI> endpoint, String region,
                                 Optional<String> accessKey, Optional<String> secretKey, boolean pathStyle) {

    /** The default: files under the data dir. */
    public static final MediaStoreSettings LOCAL = new MediaStoreSettings(null, "", Optional.empty(), "us-east-1",
            Optional.empty(), Optional.empty(), false);

    public boolean s3() {
        return bucket != null;
    }

    @Override
    public String toString() {
        return s3() ? "s3://" + bucket + "/" + prefix + endpoint.map(e -> " at " + e).orElse("") : "local";
    }
}
