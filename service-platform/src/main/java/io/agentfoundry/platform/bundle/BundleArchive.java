package io.agentfoundry.platform.bundle;

import io.agentfoundry.events.Sha256;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The agent bundle as it travels between generator and builder: a gzip'd tar with fixed timestamps and owners (the
 * same files always give the same bytes), and a content hash that does not depend on the archive format.
 *
 * <p>The content hash is {@code sha256:} + the SHA-256 of the lines {@code <sha256 of file>  <path>\n} in path order —
 * what {@code find . -type f | sort | xargs sha256sum | sha256sum} prints for the unpacked bundle.
 */
public final class BundleArchive {

    /** Relative paths of letters, digits, {@code . _ -}, separated by single slashes; no {@code ..} segment. */
    private static final Pattern SAFE_PATH = Pattern.compile("(?!.*(^|/)\\.\\.?(/|$))[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    private static final long MAX_TOTAL_BYTES = 50L * 1024 * 1024;

    private BundleArchive() {
    }

    public static String contentHash(SortedMap<String, byte[]> files) {
        StringBuilder listing = new StringBuilder();
        files.forEach((path, content) -> listing.append(Sha256.hex(content))
                .append("  ").append(path).append('\n'));
        return Sha256.prefixed(listing.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String fileHash(byte[] content) {
        return Sha256.prefixed(content);
    }

    public static byte[] write(SortedMap<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GzipParameters gzip = new GzipParameters();
        gzip.setModificationTime(0);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes, gzip))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                requireSafePath(file.getKey());
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setMode(0644);
                entry.setModTime(0);
                entry.setUserId(0);
                entry.setGroupId(0);
                entry.setUserName("");
                entry.setGroupName("");
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the bundle archive", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a bundle archive, refusing anything that could escape the directory it is unpacked into or exhaust memory.
     *
     * @throws IllegalArgumentException for an unsafe or oversized entry, or an archive that is not a gzip'd tar
     */
    public static SortedMap<String, byte[]> read(InputStream archive) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                if (!entry.isFile()) {
                    throw new IllegalArgumentException("Bundle entry " + entry.getName() + " is not a regular file");
                }
                requireSafePath(entry.getName());
                if (entry.getSize() > MAX_FILE_BYTES || (total += entry.getSize()) > MAX_TOTAL_BYTES) {
                    throw new IllegalArgumentException("Bundle is larger than allowed at " + entry.getName());
                }
                files.put(entry.getName(), tar.readAllBytes());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a gzip'd tar bundle: " + e.getMessage(), e);
        }
        return files;
    }

    public static void requireSafePath(String path) {
        if (path == null || !SAFE_PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("Unsafe bundle path: " + path);
        }
    }
}
