package io.agentfoundry.generator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a rendered bundle to disk, for tests that run its Python with the real interpreter. */
public final class BundleFiles {

    private BundleFiles() {
    }

    public static Path write(Map<String, byte[]> files, Path directory) {
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** src/test/resources/python-test-doubles: the stand-ins for strands and strands_tools. */
    public static Path testDoubles() {
        try {
            return Path.of(BundleFiles.class.getResource("/python-test-doubles").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
