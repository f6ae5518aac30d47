package io.agentfoundry.deployer.service;

import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.deployer.domain.Deployment;
import io.agentfoundry.engine.ContainerEngine;
import io.agentfoundry.engine.ContainerEngine.ContainerSpec;
import io.agentfoundry.engine.ContainerEngine.ContainerState;
import io.agentfoundry.engine.ContainerEngine.EngineException;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.Sha256;
import io.agentfoundry.platform.http.BoundedHttp;
import io.agentfoundry.platform.domain.Failure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * LOCAL: the image runs as a container on a local engine, its port 8080 published on the bind address at a port the
 * engine picks. Ready once {@code /ping} answers Healthy; a container that exits or never gets healthy fails the step
 * with its last log lines and is removed. A later job of the same agent replaces the container once its own is ready.
 * A job cancelled during the pull or the wait stops it, and the container it started is removed. An engine that fails
 * or cannot be reached mid-deployment fails the step retryably, after removing the container this attempt started.
 * A docker-archive image is loaded only from {@link DeployerConfig.Local#archiveDir()}.
 */
@ApplicationScoped
public class LocalContainerTarget implements RuntimeTarget {

    static final int AGENT_PORT = 8080;
    static final String JOB_LABEL = "io.agentfoundry.job-id";
    static final String AGENT_LABEL = "io.agentfoundry.agent";
    /** Which deployer made the container: only its own are reconciled and reaped. */
    public static final String OWNER_LABEL = "io.agentfoundry.deployer";
    static final String ARCHIVE_DIR_SETTING = "agentfoundry.deployer.local.archive-dir";
    static final String ENGINE_HOST_SETTING = "agentfoundry.deployer.local.engine-host";
    /** A single /ping, its whole answer, may not hold the readiness wait (and its cancellation checks) for longer. */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
    private static final long MAX_PING_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(LocalContainerTarget.class);
    /** Keeps a failure message readable (and StepFailed within its 64 KiB) whatever the container printed. */
    private static final int MAX_LOG_LINE = 500;

    private final DeployerConfig.Local config;
    private final ContainerEngine engine;
    // HTTP/1.1: uvicorn refuses the HTTP/2 upgrade request Java sends by default
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String owner;

    public LocalContainerTarget(DeployerConfig config) {
        this.config = config.local();
        this.engine = ContainerEngine.connect(this.config.engineHost(), this.config.engineResponseTimeout());
        this.owner = this.config.owner().filter(value -> !value.isBlank()).orElseGet(LocalContainerTarget::defaultOwner);
    }

    /** Replicas share their database, and so this; deployers with databases of their own differ. */
    static String defaultOwner() {
        String database = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                .orElse("deployer-service");
        return "deployer-" + Sha256.hex(database).substring(0, 16);
    }

    /** The label value that marks this deployer's containers. */
    public String owner() {
        return owner;
    }

    @Override
    public DeployTarget target() {
        return DeployTarget.LOCAL;
    }

    @Override
    public RuntimePlacement deploy(ImageBuilt image, Optional<Deployment> current, DeployContext context) {
        // before anything reaches the engine: an archive outside the directory is refused, not streamed to it
        Optional<Path> archive = image.imageReference().startsWith(ImageBuilt.DOCKER_ARCHIVE)
                ? Optional.of(archiveOf(image.imageReference())) : Optional.empty();
        try {
            context.progress("Container engine: " + whileUnreachable("reaching the engine", context, engine::describe));
        } catch (EngineException e) {
            throw new Failure("ENGINE_UNREACHABLE", e.getMessage() + " (" + ENGINE_HOST_SETTING
                    + "; waited " + config.engineWait().toSeconds() + " s, agentfoundry.deployer.local.engine-wait)",
                    true, e);
        }
        String platform = platformFor(image.platforms(), context::progress);
        String imageToRun = obtain(image, archive, platform, context);
        if (context.cancelled()) {
            throw DeployContext.cancelledWhile("its container was about to start");
        }
        String name = containerName(image.spec().name(), image.jobId());
        String containerId = start(sandboxed(new ContainerSpec(name, imageToRun, null, AGENT_PORT,
                config.bindAddress(), config.environment(), labels(image.jobId(), image.spec().name()))), context);
        String url;
        try {
            url = awaitReady(containerId, name, context);
        } catch (EngineException e) {
            boolean removed = removeQuietly(containerId);
            throw engineFailed("container " + name + " (" + shortId(containerId) + ") was starting; "
                    + (removed ? "the container was removed" : "the container could not be removed either: the "
                    + "next attempt removes it by name"), e);
        }

        current.ifPresent(previous -> replace(previous, containerId, context));
        return RuntimePlacement.local(containerId, url);
    }

    /**
     * Removes whatever an earlier attempt of the job left under the container's name, then creates and starts the
     * container. While the engine does not answer, both are tried again (within the engine wait): a create whose answer
     * was lost may have made the container, so each try removes it by name first.
     */
    private String start(ContainerSpec spec, DeployContext context) {
        long deadline = System.nanoTime() + config.engineWait().toNanos();
        while (true) {
            try {
                if (engine.remove(spec.name())) {
                    context.progress("Removed container " + spec.name() + " left by an earlier attempt of this job");
                }
            } catch (EngineException e) {
                if (!e.unreachable() || System.nanoTime() > deadline) {
                    throw engineFailed("removing container " + spec.name() + ", left by an earlier attempt of this job",
                            e);
                }
                waitForEngine("its container was about to start", context);
                continue;
            }
            try {
                return engine.run(spec);
            } catch (EngineException e) {
                if (!e.unreachable()) {
                    throw new Failure("CONTAINER_START_FAILED", e.getMessage(), false, e);
                }
                if (System.nanoTime() > deadline) {
                    throw engineFailed("starting container " + spec.name(), e);
                }
                waitForEngine("its container was being started", context);
            }
        }
    }

    /** Calls the engine until it answers; gives up with its last failure after the engine wait. */
    private <T> T whileUnreachable(String what, DeployContext context, java.util.function.Supplier<T> call) {
        long deadline = System.nanoTime() + config.engineWait().toNanos();
        while (true) {
            try {
                return call.get();
            } catch (EngineException e) {
                if (!e.unreachable() || System.nanoTime() > deadline) {
                    throw e;
                }
                waitForEngine(what, context);
            }
        }
    }

    /** A second between tries of an engine that does not answer; a cancellation meanwhile ends the deployment. */
    private static void waitForEngine(String what, DeployContext context) {
        if (pausedUntilCancelled(Duration.ofSeconds(1), context)) {
            throw DeployContext.cancelledWhile(what);
        }
    }

    private Map<String, String> labels(UUID jobId, String agentName) {
        return Map.of(JOB_LABEL, jobId.toString(), AGENT_LABEL, agentName, OWNER_LABEL, owner);
    }

    /**
     * Removes the container of the agent's previous deployment once this job's is ready, best effort: the deployment
     * worked, so a container that cannot be removed is a warning in the job's log, not a failed step.
     */
    private void replace(Deployment previous, String containerId, DeployContext context) {
        if (previous.runtimeId.equals(containerId)) {
            return;
        }
        try {
            if (engine.remove(previous.runtimeId)) {
                context.progress("Removed container " + previous.runtimeId + " of job " + previous.jobId
                        + ": this job's container replaces it");
            }
        } catch (EngineException e) {
            LOG.warnf(e, "Could not remove container %s of job %s, replaced by this job's", previous.runtimeId,
                    previous.jobId);
            context.warn("Could not remove container " + previous.runtimeId + " of job " + previous.jobId
                    + ", which this job's container replaces (" + e.getMessage() + "): it may still be running; remove "
                    + "it on the engine (docker rm -f " + previous.runtimeId + ")");
        }
    }

    /** The step's failure when the engine fails or cannot be reached mid-deployment: retryable, as the engine may recover. */
    private static Failure engineFailed(String what, EngineException e) {
        boolean unreachable = e.unreachable();
        return new Failure(unreachable ? "ENGINE_UNREACHABLE" : "ENGINE_FAILED", "The container engine "
                + (unreachable ? "could not be reached" : "failed") + " while " + what + ": " + e.getMessage()
                + (unreachable ? " (" + ENGINE_HOST_SETTING + ")" : ""), true, e);
    }

    @Override
    public void remove(Deployment deployment, Consumer<String> progress) {
        boolean removed;
        try {
            removed = engine.remove(deployment.runtimeId);
        } catch (EngineException e) {
            throw new TeardownFailedException("Could not remove container " + deployment.runtimeId + " of job "
                    + deployment.jobId + ": " + e.getMessage()
                    + (e.unreachable() ? " (" + ENGINE_HOST_SETTING + ")" : ""), e.unreachable(), e);
        }
        if (!removed) {
            progress.accept("Container " + deployment.runtimeId + " was already gone");
        }
    }

    @Override
    public Reconciled reconcile(Deployment deployment, Consumer<String> progress) {
        Optional<ContainerState> state;
        try {
            state = engine.inspect(deployment.runtimeId);
        } catch (EngineException e) {
            return Reconciled.unknown("the engine did not answer: " + e.getMessage());
        }
        if (state.isPresent() && state.get().running()) {
            return Reconciled.running(deployment.runtimeId);
        }
        String gone = state.map(found -> "container " + shortId(deployment.runtimeId) + " " + found.describe())
                .orElse("container " + shortId(deployment.runtimeId) + " is gone from the engine");
        URI address = URI.create(deployment.invocationUrl);
        String name = containerName(deployment.agentName, deployment.jobId);
        DeployContext context = DeployContext.uncancellable(progress);
        try {
            String image;
            if (deployment.imageReference.startsWith(ImageBuilt.DOCKER_ARCHIVE)) {
                engine.load(archiveOf(deployment.imageReference));
                image = deployment.imageDigest;
            } else {
                image = repositoryOf(deployment.imageReference) + "@" + deployment.imageDigest;
                engine.pull(image, null, config.pullTimeout());
            }
            String containerId = start(sandboxed(new ContainerSpec(name, image, null, AGENT_PORT, config.bindAddress(),
                    config.environment(), labels(deployment.jobId, deployment.agentName)).onHostPort(address.getPort())),
                    context);
            String url = awaitReady(containerId, name, context);
            return Reconciled.recreated(containerId, gone + "; re-created as " + shortId(containerId) + " at " + url);
        } catch (EngineException e) {
            return e.unreachable() ? Reconciled.unknown("the engine did not answer: " + e.getMessage())
                    : Reconciled.lost(gone + ", and it could not be re-created at " + address + ": " + e.getMessage());
        } catch (Failure | UncheckedIOException e) {
            return Reconciled.lost(gone + ", and it could not be re-created at " + address + ": " + e.getMessage());
        }
    }

    /** A container of this deployer's, as the engine lists it. */
    public record OwnContainer(String id, String name, UUID jobId, Instant created) {
    }

    /** Every container this deployer made that the engine still has, running or not. */
    public List<OwnContainer> ownContainers() {
        return engine.list(OWNER_LABEL, owner).stream()
                .map(container -> new OwnContainer(container.id(), container.name(),
                        jobIdOf(container.labels().get(JOB_LABEL)), container.created()))
                .toList();
    }

    /** Removes a container of this deployer's; false when it was gone already. */
    public boolean removeContainer(String containerId) {
        return engine.remove(containerId);
    }

    private static UUID jobIdOf(String label) {
        try {
            return label == null ? null : UUID.fromString(label);
        } catch (IllegalArgumentException notAJob) {
            return null;
        }
    }

    /** The container in the configured sandbox, unless an operator turned it off. */
    private ContainerSpec sandboxed(ContainerSpec spec) {
        DeployerConfig.Sandbox sandbox = config.sandbox();
        if (!sandbox.enabled()) {
            return spec;
        }
        return spec.in(new ContainerEngine.Sandbox(sandbox.memory().asLongValue(), sandbox.cpus(), sandbox.pids(),
                sandbox.tmpfsSize().asLongValue(), sandbox.writablePaths()));
    }

    /**
     * The file of a {@code docker-archive:<path>} image, when the deployer may load it: it resolves (symbolic links
     * followed) to a regular file under {@link DeployerConfig.Local#archiveDir()}. Anything else is refused before the
     * engine is asked for anything, so that an ImageBuilt cannot have the deployer stream another file to the engine.
     */
    Path archiveOf(String reference) {
        String requested = reference.substring(ImageBuilt.DOCKER_ARCHIVE.length());
        String setting = config.archiveDir().filter(dir -> !dir.isBlank()).orElseThrow(() -> new Failure(
                "ARCHIVE_DIR_NOT_CONFIGURED", "The image is a docker-archive (" + requested + "), but this deployer "
                + "loads none: set " + ARCHIVE_DIR_SETTING + " to the directory the builder writes its archives to "
                + "(its agentfoundry.builder.output-dir, as the deployer sees it)"));
        Path dir;
        try {
            dir = Path.of(setting).toRealPath();
        } catch (IOException | InvalidPathException e) {
            throw new Failure("ARCHIVE_DIR_NOT_CONFIGURED", ARCHIVE_DIR_SETTING + " (" + setting
                    + ") is not a directory the deployer can read: " + e, false, e);
        }
        Failure outside = new Failure("INVALID_IMAGE_BUILT", "ImageBuilt's docker-archive "
                + requested + " is not a file under " + ARCHIVE_DIR_SETTING + " (" + setting + "): the deployer loads "
                + "archives from that directory only");
        Path path;
        try {
            path = Path.of(requested).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw outside;
        }
        // looked at before the file is touched: nothing outside the directory is even checked for existence
        if (!path.startsWith(Path.of(setting).toAbsolutePath().normalize()) && !path.startsWith(dir)) {
            throw outside;
        }
        Path file;
        try {
            file = path.toRealPath();
        } catch (IOException e) {
            throw new Failure("IMAGE_UNAVAILABLE", "ImageBuilt's docker-archive " + requested
                    + " cannot be read: " + e, false, e);
        }
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            throw outside;
        }
        return file;
    }

    /** Gets the image onto the engine; returns what to run it as. */
    private String obtain(ImageBuilt image, Optional<Path> archive, String platform, DeployContext context) {
        try {
            if (archive.isPresent()) {
                Path tar = archive.get();
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
            throw new Failure("IMAGE_UNAVAILABLE", e.getMessage(), true, e);
        } catch (UncheckedIOException e) {
            throw new Failure("IMAGE_UNAVAILABLE", e.getMessage() + ": " + e.getCause(), false, e);
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
            throw new Failure("INTERRUPTED", "Interrupted while " + what, true, e);
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
        long unreachableSince = 0;
        while (System.nanoTime() < deadline) {
            Optional<ContainerState> inspected;
            try {
                inspected = engine.inspect(containerId);
                unreachableSince = 0;
            } catch (EngineException e) {
                // an engine that stops answering for a while (restarting, paused) is waited for, up to the engine wait
                if (!e.unreachable()) {
                    throw e;
                }
                unreachableSince = unreachableSince == 0 ? System.nanoTime() : unreachableSince;
                if (System.nanoTime() - unreachableSince > config.engineWait().toNanos()) {
                    throw e;
                }
                waitForEngine("container " + name + " was starting", context);
                continue;
            }
            ContainerState state = inspected.orElseThrow(() -> failStart(containerId, name,
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
                    BoundedHttp.Response ping = BoundedHttp.read(http, HttpRequest.newBuilder(URI.create(url + "/ping"))
                            .GET().build(), PING_TIMEOUT, MAX_PING_BYTES, BoundedHttp.Overflow.FAIL);
                    String body = new String(ping.body(), StandardCharsets.UTF_8);
                    if (ping.status() == 200 && body.contains("\"Healthy")) {
                        return url;
                    }
                    lastAnswer = "HTTP " + ping.status() + " " + body;
                } catch (IOException e) {
                    lastAnswer = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Failure("INTERRUPTED", "Interrupted while waiting for " + url, true, e);
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
    private Failure failStart(String containerId, String name, String what, List<String> logLines) {
        removeQuietly(containerId);
        return new Failure("CONTAINER_NOT_READY", "Container " + name + " " + what
                + (logLines.isEmpty() ? "; it wrote no log lines" : "; its last " + logLines.size() + " log lines:\n"
                + String.join("\n", logLines)), false, null);
    }

    /**
     * The engine's own platform when the image has it (whatever its variant: {@code linux/arm64/v8} is
     * {@code linux/arm64}), else the first (run under emulation, e.g. qemu).
     */
    static String platformFor(List<String> platforms, Consumer<String> progress) {
        return platformFor(platforms, ownPlatform(), progress);
    }

    static String platformFor(List<String> platforms, String own, Consumer<String> progress) {
        if (platforms.isEmpty() || platforms.stream().anyMatch(platform -> Platforms.osArch(platform).equals(own))) {
            return own;
        }
        progress.accept("The image is built for " + platforms + ", not " + own + ": it runs under emulation (slower)");
        return platforms.get(0);
    }

    /** This machine's {@code linux/<arch>}, as image platforms name it. */
    static String ownPlatform() {
        return "linux/" + switch (System.getProperty("os.arch")) {
            case "aarch64", "arm64" -> "arm64";
            case "x86_64", "amd64" -> "amd64";
            default -> System.getProperty("os.arch");
        };
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
    static String containerName(String agentName, UUID jobId) {
        return "agentfoundry-" + agentName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_")
                + "-" + jobId.toString().substring(0, 8);
    }

    private static String hostOf(String bindAddress) {
        return "0.0.0.0".equals(bindAddress) ? "127.0.0.1" : bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    }

    private static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }

    /** Removes a container of this attempt's; false when the engine failed to (the next attempt removes it by name). */
    private boolean removeQuietly(String containerId) {
        try {
            engine.remove(containerId);
            return true;
        } catch (EngineException e) {
            // the step's failure matters more than the leftover container, which the next attempt removes by name
            return false;
        }
    }

    /** Waits between polls; true when the job was cancelled meanwhile. */
    private static boolean pausedUntilCancelled(Duration duration, DeployContext context) {
        try {
            return context.cancelledWithin(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("INTERRUPTED", "Interrupted while waiting for a container", true, e);
        }
    }

    @PreDestroy
    public void close() {
        engine.close();
    }
}
