package io.ponte.hub.testing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * A real S3-compatible server in this JVM (S3Proxy over an in-memory blob store) with one bucket, checking AWS
 * signatures (v2 or v4) against one access key.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "ponte-test-access";
    public static final String SECRET_KEY = "ponte-test-secret-key-0123456789";

    private final S3Proxy proxy;
    private final TransientNio2BlobStore blobs = new TransientNio2BlobStore();
    private final String bucket;

    public S3Server(String bucket) throws Exception {
        this.bucket = bucket;
        blobs.createContainer(bucket);
        proxy = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The hub settings that keep media in this server's bucket under {@code prefix}. */
    public Map<String, String> env(String prefix) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PONTE_MEDIA_STORE", "s3://" + bucket + "/" + prefix);
        env.put("PONTE_MEDIA_S3_ENDPOINT", endpoint().toString());
        env.put("PONTE_MEDIA_S3_ACCESS_KEY", ACCESS_KEY);
        env.put("PONTE_MEDIA_S3_SECRET_KEY", SECRET_KEY);
        return env;
    }

    /** Whether the bucket holds this key (checked directly, not through the hub). */
    public boolean has(String key) {
        return blobs.list(software.amazon.awssdk.services.s3.model.ListObjectsV2Request.builder().bucket(bucket)
                .prefix(key).build()).contents().stream().anyMatch(o -> o.key().equals(key));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
