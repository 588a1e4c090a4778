package io.ponte.hub.security;

import io.ponte.hub.config.HubConfig;
import io.ponte.hub.storage.Database;
import io.ponte.hub.storage.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code java -jar ponte.jar rotate-master-key}: re-encrypts every connection's secrets under a new master key, in
 * one transaction, with the hub stopped (every node, on PostgreSQL: a running node keeps the old key in memory).
 *
 * <p>With the key in {@code <data dir>/master.key}, the new key is first written beside it as
 * {@code master.key.next}, the database is re-encrypted, then the file replaces {@code master.key}: if the command is
 * cut off after the commit, {@code master.key.next} holds the key the secrets need. With {@code PONTE_MASTER_KEY}
 * the new key is returned (printed once) for the operator to set before starting the hub again.
 */
public final class KeyRotation {

    /**
     * @param connections    how many connections' secrets were re-encrypted
     * @param keyForEnvironment the new key (base64) when the old one came from {@code PONTE_MASTER_KEY}
     * @param keyFile        the key file written, when the key lives in the data dir
     */
    public record Result(int connections, Optional<String> keyForEnvironment, Optional<Path> keyFile) {
    }

    private KeyRotation() {
    }

    public static Result rotate(HubConfig config) {
        byte[] oldKey = MasterKey.load(config);
        byte[] newKey = new byte[32];
        new SecureRandom().nextBytes(newKey);
        String encoded = Base64.getEncoder().encodeToString(newKey);
        boolean fromEnvironment = config.masterKey().isPresent();
        Path file = config.dataDir().resolve("master.key");
        Path next = config.dataDir().resolve("master.key.next");
        if (!fromEnvironment) {
            write(next, encoded);
        }
        SecretBox before = new SecretBox(oldKey);
        SecretBox after = new SecretBox(newKey);
        int n;
        try (Database db = new Database(config)) {
            n = new Stores(db.jdbi()).connections().reencrypt(row ->
                    after.encrypt(before.decrypt(row.secrets(), row.id()), row.id()),
                    (blob, context) -> after.encrypt(before.decrypt(blob, context), context));
        } catch (RuntimeException e) {
            delete(next);
            throw e;
        }
        if (fromEnvironment) {
            return new Result(n, Optional.of(encoded), Optional.empty());
        }
        try {
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            move(next, file);
        } catch (IOException e) {
            throw new UncheckedIOException("the secrets are re-encrypted under the key in " + next + ", but it could "
                    + "not replace " + file + ": move it there before starting the hub", e);
        }
        return new Result(n, Optional.empty(), Optional.of(file));
    }

    private static void write(Path file, String key) {
        try {
            Files.deleteIfExists(file);
            MasterKey.createPrivate(file);
            Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the rotation failed before the commit: a stray .next file holds an unused key and is harmless
        }
    }
}
