package io.agentfoundry.builder.service;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.buildplan.Port;
import io.agentfoundry.builder.config.BuilderConfig;
import io.agentfoundry.platform.messaging.StepFailureException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Builds an agent image in-process with jib-core, without a Docker daemon: the base image plus one layer holding the
 * bundle under {@code /app}. Timestamps are fixed, so the same bundle on the same base always has the same digest.
 */
@ApplicationScoped
public class JibImageBuilder {

    static final AbsoluteUnixPath APP_DIR = AbsoluteUnixPath.get("/app");
    private static final String DOCKER_ARCHIVE = "docker-archive:";

    private final BuilderConfig config;
    private final ExecutorService builds = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "jib-build");
        thread.setDaemon(true);
        return thread;
    });

    JibImageBuilder(BuilderConfig config) {
        this.config = config;
    }

    public record BuiltImage(String reference, String digest, List<String> platforms, String baseImage) {
    }

    /**
     * @param repository lower-case repository name, e.g. {@code agentfoundry/weather_agent}
     * @param tag        immutable tag (the job id)
     */
    public BuiltImage build(SortedMap<String, byte[]> bundle, String repository, String tag, Map<String, String> labels,
                            Consumer<String> progress) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("agent-bundle");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a working directory", e);
        }
        Future<BuiltImage> running = builds.submit(() -> containerize(bundle, workDir, repository, tag, labels, progress));
        try {
            return running.get(config.buildTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new StepFailureException("BUILD_TIMEOUT",
                    "The image build did not finish within " + config.buildTimeout(), true, e);
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the image build", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Image build failed: " + cause.getMessage(), cause);
        } finally {
            deleteRecursively(workDir);
        }
    }

    private BuiltImage containerize(SortedMap<String, byte[]> bundle, Path workDir, String repository, String tag,
                                    Map<String, String> labels, Consumer<String> progress) throws Exception {
        FileEntriesLayer.Builder code = FileEntriesLayer.builder().setName("agent-code");
        for (Map.Entry<String, byte[]> file : bundle.entrySet()) {
            Path local = workDir.resolve(file.getKey());
            Files.createDirectories(local.getParent());
            Files.write(local, file.getValue());
            code.addEntry(local, APP_DIR.resolve(file.getKey()), FilePermissions.fromOctalString("644"), Instant.EPOCH);
        }
        Set<Platform> platforms = new LinkedHashSet<>();
        for (String platform : config.platforms()) {
            String[] osArch = platform.split("/", 2);
            if (osArch.length != 2) {
                throw new StepFailureException("INVALID_PLATFORM", "Platform must be os/arch: " + platform);
            }
            platforms.add(new Platform(osArch[1], osArch[0]));
        }
        JibContainerBuilder image = base()
                .setPlatforms(platforms)
                .addFileEntriesLayer(code.build())
                .setWorkingDirectory(APP_DIR)
                .setEntrypoint("python3", "-m", "uvicorn", "agentcore_server:app", "--host", "0.0.0.0", "--port", "8080")
                .setUser("1000")
                .addEnvironmentVariable("DOCKER_CONTAINER", "1")
                .addEnvironmentVariable("PYTHONUNBUFFERED", "1")
                .addExposedPort(Port.tcp(8080))
                .setLabels(labels)
                .setCreationTime(Instant.EPOCH);

        String reference;
        Containerizer containerizer;
        if (config.registry().isPresent()) {
            reference = config.registry().get() + "/" + repository + ":" + tag;
            containerizer = Containerizer.to(RegistryImage.named(reference));
        } else {
            Path tar = config.outputDir().resolve(repository.replace('/', '_') + "-" + tag + ".tar");
            Files.createDirectories(tar.getParent());
            reference = DOCKER_ARCHIVE + tar.toAbsolutePath();
            containerizer = Containerizer.to(TarImage.at(tar).named(repository + ":" + tag));
        }
        containerizer.setAllowInsecureRegistries(config.allowInsecureRegistries())
                .setToolName("agent-foundry")
                .setApplicationLayersCache(config.outputDir().resolve(".cache/application"))
                .setBaseImageLayersCache(config.outputDir().resolve(".cache/base"))
                .addEventHandler(LogEvent.class, event -> {
                    if (event.getLevel() == LogEvent.Level.LIFECYCLE || event.getLevel() == LogEvent.Level.PROGRESS) {
                        progress.accept(event.getMessage());
                    }
                });
        JibContainer container = image.containerize(containerizer);
        return new BuiltImage(reference, container.getDigest().toString(),
                config.platforms().stream().map(platform -> platform.toLowerCase(Locale.ROOT)).toList(),
                config.baseImage());
    }

    private JibContainerBuilder base() throws InvalidImageReferenceException {
        String base = config.baseImage();
        if ("scratch".equals(base)) {
            return Jib.fromScratch();
        }
        if (base.startsWith(DOCKER_ARCHIVE)) {
            return Jib.from(TarImage.at(Path.of(base.substring(DOCKER_ARCHIVE.length()))));
        }
        return Jib.from(RegistryImage.named(base));
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans up what is left
        }
    }
}
