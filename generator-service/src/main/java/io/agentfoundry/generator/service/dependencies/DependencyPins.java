package io.agentfoundry.generator.service.dependencies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentfoundry.platform.domain.Failure;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The exact versions every bundle installs and the container base image by digest, read from the one data file that
 * holds them ({@code bundle/dependency-pins.json}), so that a version bump is a one-line data change.
 */
@Singleton
public class DependencyPins {

    private static final String RESOURCE = "/bundle/dependency-pins.json";

    private final String pinsVersion;
    private final String baseImage;
    private final Map<String, String> pythonVersions;

    public DependencyPins() {
        try (InputStream in = DependencyPins.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode pins = new ObjectMapper().readTree(in);
            pinsVersion = pins.path("pinsVersion").asText();
            baseImage = pins.path("baseImage").asText();
            Map<String, String> versions = new TreeMap<>();
            pins.path("python").fields().forEachRemaining(pin -> versions.put(pin.getKey(), pin.getValue().asText()));
            pythonVersions = Map.copyOf(versions);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        if (!baseImage.contains("@sha256:")) {
            throw new IllegalStateException(RESOURCE + " must give the base image by digest: " + baseImage);
        }
    }

    public String pinsVersion() {
        return pinsVersion;
    }

    public String baseImage() {
        return baseImage;
    }

    /** A requirements.txt line: the distribution with its extras, pinned with {@code ==}. */
    public String pinned(String distribution, Set<String> extras) {
        String version = pythonVersions.get(distribution);
        if (version == null) {
            throw new Failure("UNPINNED_REQUIREMENT", "The bundle would need " + distribution
                    + ", which has no pinned version in " + RESOURCE.substring(1));
        }
        String extrasPart = extras.isEmpty() ? "" : "[" + String.join(",", new TreeSet<>(extras)) + "]";
        return distribution + extrasPart + "==" + version;
    }
}
