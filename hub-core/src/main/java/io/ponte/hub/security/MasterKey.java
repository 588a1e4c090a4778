package io.ponte.hub.security;

import io.ponte.hub.config.ConfigException;
import io.ponte.hub.config.HubConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds the master key: {@code PONTE_MASTER_KEY}, else {@code <data dir>/master.key}, else a new one written there. */
public final class MasterKey {

    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);

    private MasterKey() {
    }

    public static byte[] load(HubConfig config) {
        if (config.masterKey().isPresent()) {
            return config.masterKey().get();
        }
        Path file = config.dataDir().resolve("master.key");
        try {
            io.ponte.hub.storage.DataDir.create(config.dataDir());
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    createPrivate(file);
                } catch (FileAlreadyExistsException e) {
                    return read(file);
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.TRUNCATE_EXISTING);
                LOG.warn("generated a master key in {}: back it up; without it stored secrets cannot be decrypted", file);
                return key;
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        try {
            byte[] key = Base64.getDecoder().decode(text);
            if (key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException ignored) {
            // fall through to the message below
        }
        throw new ConfigException(file + ": not a base64 32-byte key; restore it from backup or set PONTE_MASTER_KEY");
    }

    /** Creates an empty file only its owner can read and write (0600 where the file system has POSIX modes). */
    static void createPrivate(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }
}
