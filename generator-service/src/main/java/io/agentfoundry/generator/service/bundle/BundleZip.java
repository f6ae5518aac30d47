package io.agentfoundry.generator.service.bundle;

import io.agentfoundry.platform.bundle.BundleArchive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The bundle as a zip archive, for those without tar: entries in path order with one fixed time, as in the tar.gz. */
public final class BundleZip {

    /** The earliest time a zip entry can hold. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private BundleZip() {
    }

    public static byte[] write(SortedMap<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                BundleArchive.requireSafePath(file.getKey());
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTimeLocal(FIXED_TIME);
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bundle zip", e);
        }
        return bytes.toByteArray();
    }
}
