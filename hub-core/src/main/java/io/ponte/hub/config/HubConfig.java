package io.ponte.hub.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The hub's validated settings (see {@link ConfigLoader} for where each comes from). Secrets in here never reach
 * {@link #toString()}.
 */
public record HubConfig(
        String httpHost,
        int httpPort,
        Path dataDir,
        Path pluginsDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        Optional<String> adminToken,
        Optional<byte[]> masterKey,
        Optional<URI> publicUrl,
        String logFormat,
        String logLevel,
        long maxBodyBytes,
        int ingestBatchSize,
        int dispatchConcurrency,
        Duration dispatchPollInterval,
        Duration defaultActionTimeout,
        int dbPoolSize,
        Duration retention,
        long mediaMaxBytes,
        long hooksMaxBodyBytes,
        Rate adminRate,
        Rate hooksRate,
        List<String> corsOrigins,
        OutboundMode outboundPolicy,
        List<String> outboundAllow,
        long pluginMaxBytes,
        int maxHops,
        OptionalInt managementPort,
        String managementHost,
        boolean pluginsUpload,
        List<String> trustedProxies,
        MediaStoreSettings mediaStore,
        boolean dispatchLanes,
        boolean sharedWriter,
        boolean outboundHttp1,
        boolean ingestJournal,
        Duration ingestGather) {

    /** The default most hops of one chain the hub routes ({@code PONTE_MAX_HOPS}). */
    public static final int DEFAULT_MAX_HOPS = 10;

    /** A request rate limit: {@code permits} per {@code per}; {@link #OFF} when {@code permits} is 0. */
    public record Rate(int permits, Duration per) {
        public static final Rate OFF = new Rate(0, Duration.ofSeconds(1));
    }

    public boolean isH2() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    @Override
    public String toString() {
        return "HubConfig[http=" + httpHost + ":" + httpPort + ", dataDir=" + dataDir + ", pluginsDir=" + pluginsDir
                + ", db=" + dbUrl.replaceAll("password=[^;&]*", "password=***") + ", adminToken="
                + (adminToken.isPresent() ? "set" : "generated") + ", masterKey="
                + (masterKey.isPresent() ? "set" : "file") + ", publicUrl=" + publicUrl.map(URI::toString).orElse("-")
                + ", mediaStore=" + mediaStore + ", log=" + logFormat + "/" + logLevel + "]";
    }
}
