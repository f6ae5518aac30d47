package io.agentfoundry.builder.service;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.events.TimerEvent;
import io.agentfoundry.builder.config.BuilderConfig;
import io.agentfoundry.platform.domain.Failure;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds an agent image in-process with jib-core, without a Docker daemon: the base image (which brings Python and
 * the agent's dependencies) plus one layer holding the bundle under {@code /app}, run as uid 1000 on port 8080.
 * Timestamps are fixed, so the same bundle on the same base always has the same digest.
 */
@ApplicationScoped
public class JibImageBuilder {

    static final AbsoluteUnixPath APP_DIR = AbsoluteUnixPath.get("/app");
    static final List<String> ENTRYPOINT =
            List.of("python3", "-m", "uvicorn", "agentcore_server:app", "--host", "0.0.0.0", "--port", "8080");

    private final BuilderConfig config;

    JibImageBuilder(BuilderConfig config) {
        this.config = config;
    }

    /**
     * @param threads the build's own pool: jib runs on it, so stopping the pool stops the build
     * @return the digest of the pushed manifest (or index, for several platforms)
     */
    public String build(SortedMap<String, byte[]> bundle, BaseImage base, PushTarget target,
                        Set<ImagePlatform> platforms, Map<String, String> labels, ExecutorService threads,
                        BuildProgress progress) throws IOException, InterruptedException, ExecutionException,
            CacheDirectoryCreationException {
        Path workDir = Files.createTempDirectory("agent-bundle");
        try {
            JibContainerBuilder image = base.startBuild()
                    .setPlatforms(platforms.stream().map(ImagePlatform::toJib)
                            .collect(Collectors.toCollection(LinkedHashSet::new)))
                    .addFileEntriesLayer(codeLayer(bundle, workDir))
                    .setWorkingDirectory(APP_DIR)
                    .setEntrypoint(ENTRYPOINT)
                    .setUser("1000")
                    .addEnvironmentVariable("DOCKER_CONTAINER", "1")
                    .addEnvironmentVariable("PYTHONUNBUFFERED", "1")
                    .addExposedPort(Port.tcp(8080))
                    .setLabels(labels)
                    .setCreationTime(Instant.EPOCH);
            Containerizer containerizer = target.containerizer()
                    .setAllowInsecureRegistries(config.allowInsecureRegistries())
                    .setToolName("agent-foundry")
                    .setExecutorService(threads)
                    .setApplicationLayersCache(config.outputDir().resolve(".cache/application"))
                    .setBaseImageLayersCache(config.outputDir().resolve(".cache/base"))
                    .addEventHandler(LogEvent.class, progress::onLog)
                    .addEventHandler(ProgressEvent.class, progress::onProgress)
                    .addEventHandler(TimerEvent.class, progress::onTimer);
            JibContainer container = image.containerize(containerizer);
            return container.getDigest().toString();
        } catch (RegistryUnauthorizedException e) {
            throw new Failure("REGISTRY_UNAUTHORIZED",
                    "The registry refused the credentials for " + e.getImageReference(), false, e);
        } catch (RegistryException e) {
            throw new Failure("REGISTRY_REJECTED", "The registry refused the image: " + e.getMessage(),
                    true, e);
        } finally {
            deleteRecursively(workDir);
        }
    }

    private static FileEntriesLayer codeLayer(SortedMap<String, byte[]> bundle, Path workDir) throws IOException {
        FileEntriesLayer.Builder code = FileEntriesLayer.builder().setName("agent-code");
        for (Map.Entry<String, byte[]> file : bundle.entrySet()) {
            Path local = workDir.resolve(file.getKey());
            Files.createDirectories(local.getParent());
            Files.write(local, file.getValue());
            code.addEntry(local, APP_DIR.resolve(file.getKey()), FilePermissions.fromOctalString("644"), Instant.EPOCH);
        }
        return code.build();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans up what is left
        }
    }
}
