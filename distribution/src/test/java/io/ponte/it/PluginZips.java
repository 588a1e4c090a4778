package io.ponte.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Plugin zips a careless or hostile uploader might send, written by hand where a real zip tool would take minutes. */
final class PluginZips {

    private static final int MIB = 1 << 20;

    private PluginZips() {
    }

    /**
     * A plugin zip (plugin.properties, lib/bomb.jar) whose jar inflates to {@code mebibytes} MiB of zeros: about 2 MB
     * for 2 GiB. Deflating 2 GiB takes long, but after the first MiB every MiB of zeros deflates to the same bytes
     * (the window holds only zeros after each sync flush), so one compressed MiB is repeated.
     */
    static byte[] bomb(int mebibytes) {
        byte[] zeros = new byte[MIB];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] first = deflate(deflater, zeros, Deflater.SYNC_FLUSH);
        byte[] next = deflate(deflater, zeros, Deflater.SYNC_FLUSH);
        deflater.finish();
        byte[] end = deflate(deflater, new byte[0], Deflater.FULL_FLUSH);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        data.writeBytes(first);
        crc.update(zeros);
        for (int i = 1; i < mebibytes; i++) {
            data.writeBytes(next);
            crc.update(zeros);
        }
        data.writeBytes(end);
        byte[] properties = "plugin.id=bomb\nplugin.version=1.0.0\n".getBytes(StandardCharsets.UTF_8);
        CRC32 propertiesCrc = new CRC32();
        propertiesCrc.update(properties);
        Deflater plain = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        plain.finish();
        return zip(List.of(
                new Entry("plugin.properties", deflate(plain, properties, Deflater.FULL_FLUSH),
                        propertiesCrc.getValue(), properties.length),
                new Entry("lib/bomb.jar", data.toByteArray(), crc.getValue(), (long) mebibytes * MIB)));
    }

    /** A zip of {@code count} empty files. */
    static byte[] manyEntries(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("plugin.properties"));
            zip.write("plugin.id=many\nplugin.version=1.0.0\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 1; i < count; i++) {
                zip.putNextEntry(new ZipEntry("lib/f" + i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A plugin zip whose descriptor names a plugin class it does not contain. */
    static byte[] missingPluginClass() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("plugin.properties"));
            zip.write("plugin.id=ghost\nplugin.version=1.0.0\nplugin.class=com.example.NoSuchPlugin\n"
                    .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("lib/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private record Entry(String name, byte[] deflated, long crc, long size) {
    }

    private static byte[] deflate(Deflater deflater, byte[] input, int flush) {
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, n);
        } while (n > 0 && !deflater.finished());
        return out.toByteArray();
    }

    /** Local headers, data and central directory of a zip of deflated entries (sizes below 4 GiB, no zip64). */
    private static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        for (Entry e : entries) {
            offsets.add(out.size());
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(le(30 + name.length).putInt(0x04034b50).putShort((short) 20).putShort((short) 0)
                    .putShort((short) 8).putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc())
                    .putInt(e.deflated().length).putInt((int) e.size()).putShort((short) name.length)
                    .putShort((short) 0).put(name).array());
            out.writeBytes(e.deflated());
        }
        int directory = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(le(46 + name.length).putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                    .putShort((short) 0).putShort((short) 8).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) e.crc()).putInt(e.deflated().length).putInt((int) e.size())
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt(offsets.get(i)).put(name).array());
        }
        int size = out.size() - directory;
        out.writeBytes(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) entries.size()).putShort((short) entries.size()).putInt(size).putInt(directory)
                .putShort((short) 0).array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
