package io.ponte.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the assembled distribution is (target/ponte, set by the failsafe configuration). */
final class Distribution {

    private Distribution() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("ponte.distribution.dir", "target/ponte")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("ponte.jar"))) {
            throw new IllegalStateException("no distribution at " + dir + "; run mvn verify (not mvn test)");
        }
        return dir;
    }

    static Path plugins() {
        return dir().resolve("plugins");
    }
}
