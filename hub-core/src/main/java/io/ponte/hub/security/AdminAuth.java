package io.ponte.hub.security;

import io.ponte.hub.storage.SettingsStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The bootstrap admin token. Only its SHA-256 is kept (in memory and, for a generated one, in the database);
 * comparisons are constant-time.
 */
public final class AdminAuth {

    private static final String SETTING = "admin_token_sha256";

    private final byte[] tokenHash;
    private final Optional<String> generatedToken;

    private AdminAuth(byte[] tokenHash, Optional<String> generatedToken) {
        this.tokenHash = tokenHash;
        this.generatedToken = generatedToken;
    }

    /**
     * Uses the configured token, or the one generated on an earlier start, or generates one (returned once by
     * {@link #generatedToken()} so the hub can print it).
     */
    public static AdminAuth create(Optional<String> configured, SettingsStore settings) {
        if (configured.isPresent()) {
            return new AdminAuth(sha256(configured.get()), Optional.empty());
        }
        Optional<String> stored = settings.get(SETTING);
        if (stored.isPresent()) {
            return new AdminAuth(HexFormat.of().parseHex(stored.get()), Optional.empty());
        }
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String token = "pat_" + HexFormat.of().formatHex(raw);
        String inForce = settings.putIfAbsent(SETTING, HexFormat.of().formatHex(sha256(token)));
        boolean ours = inForce.equals(HexFormat.of().formatHex(sha256(token)));
        return new AdminAuth(HexFormat.of().parseHex(inForce), ours ? Optional.of(token) : Optional.empty());
    }

    public Optional<String> generatedToken() {
        return generatedToken;
    }

    public boolean accepts(String presented) {
        return presented != null && MessageDigest.isEqual(sha256(presented), tokenHash);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
