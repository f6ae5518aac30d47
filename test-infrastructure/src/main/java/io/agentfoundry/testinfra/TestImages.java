package io.agentfoundry.testinfra;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Runnable images for tests, made with jib-core on the offline test runtime (Debian's python3 with FastAPI and uvicorn,
 * built by {@code runtime-images/offline-test-runtime/build.sh}) for this machine's architecture.
 */
public final class TestImages {

    /** Overrides where the offline test runtime's docker-archive tar is. */
    public static final String RUNTIME_TAR_VARIABLE = "AGENTFOUNDRY_OFFLINE_RUNTIME_TAR";

    private TestImages() {
    }

    /** {@code amd64} or {@code arm64}: the architecture images are made for, this machine's. */
    public static String architecture() {
        String arch = System.getProperty("os.arch");
        return "aarch64".equals(arch) || "arm64".equals(arch) ? "arm64" : "amd64";
    }

    /** The offline test runtime as a docker-archive tar; fails, saying how to make it, when it is missing. */
    public static Path offlineRuntime() {
        String configured = System.getenv(RUNTIME_TAR_VARIABLE);
        Path tar = configured != null && !configured.isBlank() ? Path.of(configured)
                : cacheDirectory().resolve(Path.of("offline-test-runtime", "images",
                "offline-test-runtime-" + architecture() + ".tar"));
        if (!Files.isRegularFile(tar)) {
            throw new IllegalStateException("The offline test runtime " + tar + " is missing: run"
                    + " runtime-images/offline-test-runtime/build.sh --arch " + architecture()
                    + " (scripts/test.sh does), or set " + RUNTIME_TAR_VARIABLE);
        }
        return tar;
    }

    /** Where build.sh caches: AGENTFOUNDRY_CACHE, else $XDG_CACHE_HOME/agentfoundry, else ~/.cache/agentfoundry. */
    private static Path cacheDirectory() {
        String cache = System.getenv("AGENTFOUNDRY_CACHE");
        if (cache != null && !cache.isBlank()) {
            return Path.of(cache);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("agentfoundry");
    }

    /** An image in a registry. */
    public record Pushed(String reference, String repository, String tag, String digest, String platform) {
    }

    /**
     * Puts files into {@code /app} on top of the offline test runtime and pushes the image.
     *
     * @param files      file name in {@code /app} → content
     * @param entrypoint what the container runs, in {@code /app}
     */
    public static Pushed push(LocalRegistry registry, String repository, String tag, Map<String, String> files,
                              List<String> entrypoint) {
        String reference = registry.host() + "/" + repository + ":" + tag;
        JibContainer image = containerize(() -> Containerizer.to(RegistryImage.named(reference))
                .setAllowInsecureRegistries(true), files, entrypoint, reference);
        return new Pushed(reference, repository, tag, image.getDigest().toString(), "linux/" + architecture());
    }

    /**
     * The same image written as a {@code docker save} tar, as builder-service writes one without a registry: its
     * reference is {@code docker-archive:<path>} and its digest the image id.
     */
    public static Pushed archive(Path tar, String name, Map<String, String> files, List<String> entrypoint) {
        JibContainer image = containerize(() -> Containerizer.to(TarImage.at(tar).named(name)), files, entrypoint,
                tar.toString());
        return new Pushed("docker-archive:" + tar, name, "latest", image.getImageId().toString(),
                "linux/" + architecture());
    }

    private static JibContainer containerize(Callable<Containerizer> target, Map<String, String> files,
                                             List<String> entrypoint, String where) {
        try {
            Path dir = Files.createTempDirectory("test-image");
            FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("app");
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.writeString(path, file.getValue());
                layer.addEntry(path, AbsoluteUnixPath.get("/app/" + file.getKey()));
            }
            return Jib.from(TarImage.at(offlineRuntime()))
                    .setPlatforms(Set.of(new Platform(architecture(), "linux")))
                    .addFileEntriesLayer(layer.build())
                    .setWorkingDirectory(AbsoluteUnixPath.get("/app"))
                    .setEntrypoint(entrypoint)
                    .addExposedPort(Port.tcp(8080))
                    .setCreationTime(Instant.EPOCH)
                    .containerize(target.call().setToolName("agentfoundry-test-images"));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make the test image " + where, e);
        }
    }
}
