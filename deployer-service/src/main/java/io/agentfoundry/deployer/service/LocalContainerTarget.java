package io.agentfoundry.deployer.service;

import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.deployer.domain.Deployment;
import io.agentfoundry.engine.ContainerEngine;
import io.agentfoundry.engine.ContainerEngine.ContainerSpec;
import io.agentfoundry.engine.ContainerEngine.ContainerState;
import io.agentfoundry.engine.ContainerEngine.EngineException;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.platform.messaging.StepFailureException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * LOCAL: the image runs as a container on a local engine, its port 8080 published on the bind address at a port the
 * engine picks. Ready once {@code /ping} answers Healthy; a container that exits or never gets healthy fails the step
 * with its last log lines and is removed. A later job of the same agent replaces the container once its own is ready.
 */
@ApplicationScoped
public class LocalContainerTarget implements RuntimeTarget {

    static final int AGENT_PORT = 8080;
    static final String DOCKER_ARCHIVE = "docker-archive:";
    static final String JOB_LABEL = "io.agentfoundry.job-id";
    static final String AGENT_LABEL = "io.agentfoundry.agent";
    /** Keeps a failure message readable (and StepFailed within its 64 KiB) whatever the container printed. */
    private static final int MAX_LOG_LINE = 500;

    private final DeployerConfig.Local config;
    private final ContainerEngine engine;
    // HTTP/1.1: uvicorn refuses the HTTP/2 upgrade request Java sends by default
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public LocalContainerTarget(DeployerConfig config) {
        this.config = config.local();
        this.engine = ContainerEngine.connect(this.config.engineHost(), this.config.pullTimeout().plusSeconds(30));
    }

    @Override
    public DeployerConfig.Target target() {
        return DeployerConfig.Target.LOCAL;
    }

    @Override
    public RuntimePlacement deploy(ImageBuilt image, Optional<Deployment> current, Consumer<String> progress) {
        try {
            progress.accept("Container engine: " + engine.describe());
        } catch (EngineException e) {
            throw new StepFailureException("ENGINE_UNREACHABLE", e.getMessage() + " (agentfoundry.deployer.local.engine-host)",
                    true, e);
        }
        String platform = platformFor(image.platforms(), progress);
        String imageToRun = obtain(image, platform, progress);
        String name = containerName(image);
        if (engine.remove(name)) {
            progress.accept("Removed container " + name + " left by an earlier attempt of this job");
        }
        String containerId;
        try {
            containerId = engine.run(new ContainerSpec(name, imageToRun, null, AGENT_PORT, config.bindAddress(),
                    config.environment(), Map.of(JOB_LABEL, image.jobId().toString(), AGENT_LABEL, image.spec().name())));
        } catch (EngineException e) {
            throw new StepFailureException("CONTAINER_START_FAILED", e.getMessage(), false, e);
        }
        String url = awaitReady(containerId, name, progress);

        current.ifPresent(previous -> {
            if (!previous.runtimeId.equals(containerId) && engine.remove(previous.runtimeId)) {
                progress.accept("Removed container " + previous.runtimeId + " of job " + previous.jobId
                        + ": this job's container replaces it");
            }
        });
        return RuntimePlacement.local(containerId, url);
    }

    @Override
    public void remove(Deployment deployment, Consumer<String> progress) {
        if (!engine.remove(deployment.runtimeId)) {
            progress.accept("Container " + deployment.runtimeId + " was already gone");
        }
    }

    /** Gets the image onto the engine; returns what to run it as. */
    private String obtain(ImageBuilt image, String platform, Consumer<String> progress) {
        try {
            if (image.imageReference().startsWith(DOCKER_ARCHIVE)) {
                Path tar = Path.of(image.imageReference().substring(DOCKER_ARCHIVE.length()));
                progress.accept("Loading " + tar);
                engine.load(tar);
                return image.digest(); // a docker-archive's digest is its image id
            }
            String byDigest = repositoryOf(image.imageReference()) + "@" + image.digest();
            progress.accept("Pulling " + byDigest + " for " + platform);
            engine.pull(byDigest, platform, config.pullTimeout());
            return byDigest;
        } catch (EngineException e) {
            throw new StepFailureException("IMAGE_UNAVAILABLE", e.getMessage(), true, e);
        }
    }

    /** Polls /ping until Healthy; fails early, with the container's last log lines, when the container stops. */
    private String awaitReady(String containerId, String name, Consumer<String> progress) {
        long deadline = System.nanoTime() + config.readyTimeout().toNanos();
        String url = null;
        String lastAnswer = "no answer yet";
        while (System.nanoTime() < deadline) {
            ContainerState state = engine.inspect(containerId).orElseThrow(() -> failStart(containerId, name,
                    "disappeared from the engine", List.of()));
            if (!state.running()) {
                throw failStart(containerId, name, state.describe(), lastLines(containerId));
            }
            if (url == null) {
                Optional<Integer> port = state.publishedPort(AGENT_PORT);
                if (port.isPresent()) {
                    url = "http://" + config.advertisedHost().orElseGet(() -> hostOf(config.bindAddress())) + ":"
                            + port.get();
                    progress.accept("Container " + name + " (" + shortId(containerId) + ") started; waiting for "
                            + url + "/ping");
                }
            }
            if (url != null) {
                try {
                    HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create(url + "/ping"))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (ping.statusCode() == 200 && ping.body().contains("\"Healthy")) {
                        return url;
                    }
                    lastAnswer = "HTTP " + ping.statusCode() + " " + ping.body();
                } catch (IOException e) {
                    lastAnswer = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StepFailureException("INTERRUPTED", "Interrupted while waiting for " + url, true, e);
                }
            }
            sleep(Duration.ofMillis(300));
        }
        throw failStart(containerId, name, "did not answer /ping with Healthy within " + config.readyTimeout()
                + " (last: " + lastAnswer + ")", lastLines(containerId));
    }

    private List<String> lastLines(String containerId) {
        try {
            return engine.logs(containerId, null, null, config.failureLogLines()).stream()
                    .map(line -> line.length() <= MAX_LOG_LINE ? line : line.substring(0, MAX_LOG_LINE) + "…").toList();
        } catch (EngineException e) {
            return List.of("(its logs could not be read: " + e.getMessage() + ")");
        }
    }

    /** Removes the container that failed to start, keeping what it said in the failure. */
    private StepFailureException failStart(String containerId, String name, String what, List<String> logLines) {
        try {
            engine.remove(containerId);
        } catch (EngineException e) {
            // the failure below matters more than the leftover container, which the next attempt removes by name
        }
        return new StepFailureException("CONTAINER_NOT_READY", "Container " + name + " " + what
                + (logLines.isEmpty() ? "; it wrote no log lines" : "; its last " + logLines.size() + " log lines:\n"
                + String.join("\n", logLines)), false, null);
    }

    /** The engine's own platform when the image has it, else the first (run under emulation, e.g. qemu). */
    static String platformFor(List<String> platforms, Consumer<String> progress) {
        String own = "linux/" + switch (System.getProperty("os.arch")) {
            case "aarch64", "arm64" -> "arm64";
            case "x86_64", "amd64" -> "amd64";
            default -> System.getProperty("os.arch");
        };
        if (platforms.isEmpty() || platforms.contains(own)) {
            return own;
        }
        progress.accept("The image is built for " + platforms + ", not " + own + ": it runs under emulation (slower)");
        return platforms.get(0);
    }

    /** {@code host/repo:tag} → {@code host/repo}; a port in the host is not a tag. */
    static String repositoryOf(String reference) {
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        int at = reference.indexOf('@');
        if (at >= 0) {
            return reference.substring(0, at);
        }
        return colon > slash ? reference.substring(0, colon) : reference;
    }

    /** Docker names are {@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}; spec names are already narrower. */
    static String containerName(ImageBuilt image) {
        return "agentfoundry-" + image.spec().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_")
                + "-" + image.jobId().toString().substring(0, 8);
    }

    private static String hostOf(String bindAddress) {
        return "0.0.0.0".equals(bindAddress) ? "127.0.0.1" : bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    }

    private static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailureException("INTERRUPTED", "Interrupted while waiting for a container", true, e);
        }
    }

    @PreDestroy
    void close() {
        engine.close();
    }
}
