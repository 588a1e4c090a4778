package io.ponte.hub.security;

import io.ponte.hub.storage.SettingsStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The bootstrap admin token. Only its SHA-256 is kept (in memory and, for a generated one, in the database);
 * comparisons are constant-time. Once admin keys exist it can be retired: the hashes of retired tokens are kept in
 * the database, so every node refuses them, and a retired hub generates no new token. A token that was never retired
 * (a new {@code PONTE_ADMIN_TOKEN}) is accepted: the way back in for whoever runs the hub.
 */
public final class AdminAuth {

    private static final String SETTING = "admin_token_sha256";
    private static final String RETIRED = "admin_tokens_retired_sha256";
    private static final int MAX_RETIRED = 50;

    private final byte[] tokenHash;
    private final Optional<String> generatedToken;
    private final SettingsStore settings;

    private AdminAuth(byte[] tokenHash, Optional<String> generatedToken, SettingsStore settings) {
        this.tokenHash = tokenHash;
        this.generatedToken = generatedToken;
        this.settings = settings;
    }

    /**
     * Uses the configured token, or the one generated on an earlier start, or generates one (returned once by
     * {@link #generatedToken()} so the hub can print it) unless a bootstrap token was retired: then there is none.
     */
    public static AdminAuth create(Optional<String> configured, SettingsStore settings) {
        if (configured.isPresent()) {
            return new AdminAuth(sha256(configured.get()), Optional.empty(), settings);
        }
        Optional<String> stored = settings.get(SETTING);
        if (stored.isPresent()) {
            return new AdminAuth(HexFormat.of().parseHex(stored.get()), Optional.empty(), settings);
        }
        if (settings.get(RETIRED).isPresent()) {
            return new AdminAuth(null, Optional.empty(), settings);
        }
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String token = "pat_" + HexFormat.of().formatHex(raw);
        String inForce = settings.putIfAbsent(SETTING, HexFormat.of().formatHex(sha256(token)));
        boolean ours = inForce.equals(HexFormat.of().formatHex(sha256(token)));
        return new AdminAuth(HexFormat.of().parseHex(inForce), ours ? Optional.of(token) : Optional.empty(), settings);
    }

    public Optional<String> generatedToken() {
        return generatedToken;
    }

    /** Whether the token is the bootstrap token and that is not retired (asked of the database, for every node). */
    public boolean accepts(String presented) {
        return tokenHash != null && presented != null && MessageDigest.isEqual(sha256(presented), tokenHash)
                && !retired().contains(hex());
    }

    /** Whether this hub has a bootstrap token that works. */
    public boolean active() {
        return tokenHash != null && !retired().contains(hex());
    }

    /** Retires the bootstrap token on every node; the caller checked that another way in exists. */
    public void retire() {
        List<String> retired = new ArrayList<>(retired());
        retired.add(hex());
        settings.put(RETIRED, String.join(",", retired.subList(Math.max(0, retired.size() - MAX_RETIRED),
                retired.size())));
    }

    private List<String> retired() {
        return settings.get(RETIRED).map(v -> Arrays.asList(v.split(","))).orElse(List.of());
    }

    private String hex() {
        return HexFormat.of().formatHex(tokenHash);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
