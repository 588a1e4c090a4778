package io.ponte.hub.plugins;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The limits an uploaded plugin zip is held to before PF4J unpacks it into a directory: at most {@value #MAX_ENTRIES}
 * entries and {@value #INFLATION_FACTOR} times {@code PONTE_PLUGIN_MAX_BYTES} unpacked. Counted while inflating, in
 * memory, with the same reader PF4J unpacks with ({@link ZipInputStream}), so a zip bomb is refused after reading
 * up to the limit and writes nothing to disk. (A jar is not unpacked: its classes are read when loaded.)
 */
public final class PluginArchive {

    /** The most entries (files and directories) a plugin zip may hold; real ones hold a few dozen. */
    public static final int MAX_ENTRIES = 10_000;
    /** How many times its upload limit a plugin zip may unpack to (its {@code lib/*.jar} are compressed already). */
    public static final int INFLATION_FACTOR = 4;

    private PluginArchive() {
    }

    /**
     * @param zip           the uploaded zip
     * @param maxUploadBytes {@code PONTE_PLUGIN_MAX_BYTES}
     * @throws IllegalArgumentException naming the limit that was passed, or saying the zip is corrupt
     */
    static void checkZip(byte[] zip, long maxUploadBytes) {
        long maxInflated = maxUploadBytes * INFLATION_FACTOR;
        long inflated = 0;
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new IllegalArgumentException("the plugin zip holds more than " + MAX_ENTRIES + " entries, "
                            + "the limit");
                }
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    inflated += n;
                    if (inflated > maxInflated) {
                        throw new IllegalArgumentException("the plugin zip unpacks to more than " + maxInflated
                                + " bytes, the limit (" + INFLATION_FACTOR + " times PONTE_PLUGIN_MAX_BYTES)");
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a loadable PF4J plugin: the zip is corrupt (" + e.getMessage()
                    + ")");
        }
        // no entries at all: not a zip; PF4J says what it looked for
    }
}
