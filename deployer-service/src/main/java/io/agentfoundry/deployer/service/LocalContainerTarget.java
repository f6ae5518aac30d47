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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * LOCAL: the image runs as a container on a local engine, its port 8080 published on the bind address at a port the
 * engine picks. Ready once {@code /ping} answers Healthy; a container that exits or never gets healthy fails the step
 * with its last log lines and is removed. A later job of the same agent replaces the container once its own is ready.
 * A job cancelled during the pull or the wait stops it, and the container it started is removed.
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
    public RuntimePlacement deploy(ImageBuilt image, Optional<Deployment> current, DeployContext context) {
        try {
            context.progress("Container engine: " + engine.describe());
        } catch (EngineException e) {
            throw new StepFailureException("ENGINE_UNREACHABLE", e.getMessage() + " (agentfoundry.deployer.local.engine-host)",
                    true, e);
        }
        String platform = platformFor(image.platforms(), context::progress);
        String imageToRun = obtain(image, platform, context);
        if (context.cancelled()) {
            throw DeployContext.cancelledWhile("its container was about to start");
        }
        String name = containerName(image);
        if (engine.remove(name)) {
            context.progress("Removed container " + name + " left by an earlier attempt of this job");
        }
        String containerId;
        try {
            containerId = engine.run(new ContainerSpec(name, imageToRun, null, AGENT_PORT, config.bindAddress(),
                    config.environment(), Map.of(JOB_LABEL, image.jobId().toString(), AGENT_LABEL, image.spec().name())));
        } catch (EngineException e) {
            throw new StepFailureException("CONTAINER_START_FAILED", e.getMessage(), false, e);
        }
        String url = awaitReady(containerId, name, context);

        current.ifPresent(previous -> {
            if (!previous.runtimeId.equals(containerId) && engine.remove(previous.runtimeId)) {
                context.progress("Removed container " + previous.runtimeId + " of job " + previous.jobId
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
    private String obtain(ImageBuilt image, String platform, DeployContext context) {
        try {
            if (image.imageReference().startsWith(DOCKER_ARCHIVE)) {
                Path tar = Path.of(image.imageReference().substring(DOCKER_ARCHIVE.length()));
                context.progress("Loading " + tar);
                unlessCancelled(image, "its image was being loaded", context, () -> engine.load(tar));
                return image.digest(); // a docker-archive's digest is its image id
            }
            String byDigest = repositoryOf(image.imageReference()) + "@" + image.digest();
            context.progress("Pulling " + byDigest + " for " + platform);
            unlessCancelled(image, "its image was being pulled", context,
                    () -> engine.pull(byDigest, platform, config.pullTimeout()));
            return byDigest;
        } catch (EngineException e) {
            throw new StepFailureException("IMAGE_UNAVAILABLE", e.getMessage(), true, e);
        }
    }

    /**
     * Runs a blocking engine call on a thread of its own, so that this one can notice a cancellation meanwhile. A
     * cancelled call is interrupted and left to end by itself: the engine may finish the pull, and a cached image
     * harms nothing.
     */
    private static void unlessCancelled(ImageBuilt image, String what, DeployContext context, Runnable call) {
        FutureTask<Void> task = new FutureTask<>(call, null);
        Thread thread = new Thread(task, "deploy-" + image.jobId());
        thread.setDaemon(true);
        thread.start();
        try {
            while (true) {
                try {
                    task.get(DeployContext.CANCELLATION_CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException stillRunning) {
                    // asked here, not on the call's thread: the check needs the step's transaction
                    if (context.cancelled()) {
                        task.cancel(true);
                        throw DeployContext.cancelledWhile(what);
                    }
                }
            }
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new StepFailureException("INTERRUPTED", "Interrupted while " + what, true, e);
        }
    }

    /**
     * Polls /ping until Healthy; fails early, with the container's last log lines, when the container stops, and
     * removes the container when the job is cancelled meanwhile.
     */
    private String awaitReady(String containerId, String name, DeployContext context) {
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
                    context.progress("Container " + name + " (" + shortId(containerId) + ") started; waiting for "
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
            if (pausedUntilCancelled(Duration.ofMillis(300), context)) {
                removeQuietly(containerId);
                context.progress("Removed container " + name + " (" + shortId(containerId) + "): the job was cancelled");
                throw DeployContext.cancelledWhile("container " + name + " was starting; the container was removed");
            }
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
        removeQuietly(containerId);
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

    private void removeQuietly(String containerId) {
        try {
            engine.remove(containerId);
        } catch (EngineException e) {
            // the step's failure matters more than the leftover container, which the next attempt removes by name
        }
    }

    /** Waits between polls; true when the job was cancelled meanwhile. */
    private static boolean pausedUntilCancelled(Duration duration, DeployContext context) {
        try {
            return context.cancelledWithin(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailureException("INTERRUPTED", "Interrupted while waiting for a container", true, e);
        }
    }

    @PreDestroy
    public void close() {
        engine.close();
    }
}
