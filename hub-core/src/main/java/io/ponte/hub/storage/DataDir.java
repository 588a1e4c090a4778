package io.ponte.hub.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data dir ({@code PONTE_DATA_DIR}) holds the master key file, the H2 database, media and uploaded plugins: it is
 * created readable by its owner only (0700 where the file system has POSIX modes).
 */
public final class DataDir {

    private static final Logger LOG = LoggerFactory.getLogger(DataDir.class);
    private static final Set<PosixFilePermission> SHARED = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private DataDir() {
    }

    /** Creates the dir (0700) unless it exists; its missing parents get the usual modes. */
    public static void create(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return;
            }
            if (dir.getParent() != null) {
                Files.createDirectories(dir.getParent());
            }
            if (posix(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // made a moment ago by another start-up step; what is there is checked by warnIfShared
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data dir " + dir, e);
        }
    }

    /** A dir the operator made (or an older hub did) may be open to others: say so, do not change it. */
    public static void warnIfShared(Path dir) {
        if (!posix(dir)) {
            return;
        }
        try {
            Set<PosixFilePermission> modes = Files.getPosixFilePermissions(dir);
            if (modes.stream().anyMatch(SHARED::contains)) {
                LOG.warn("the data dir {} is open to other users ({}); it holds the master key, the database and "
                        + "media: chmod 700 it", dir, PosixFilePermissions.toString(modes));
            }
        } catch (IOException e) {
            LOG.warn("cannot read the modes of the data dir {}: {}", dir, e.getMessage());
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
