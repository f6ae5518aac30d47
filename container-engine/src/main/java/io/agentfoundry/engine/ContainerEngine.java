package io.agentfoundry.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A container engine reached through the Docker Engine API: Docker's socket, or Podman's compatible one
 * ({@code podman system service}). Engine errors surface as {@link EngineException} with the engine's own message.
 */
public final class ContainerEngine implements AutoCloseable {

    private final String host;
    private final DockerClient client;

    private ContainerEngine(String host, DockerClient client) {
        this.host = host;
        this.client = client;
    }

    /**
     * @param host            {@code unix:///path/to.sock} or {@code tcp://host:port}
     * @param responseTimeout the longest silence on a request before it fails as unreachable: an engine that has
     *                        stopped answering (paused, overloaded) must not hold its caller for ever
     */
    public static ContainerEngine connect(String host, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .withDockerTlsVerify(false)
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(host))
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(responseTimeout)
                .build();
        return new ContainerEngine(host, DockerClientImpl.getInstance(config, http));
    }

    public String host() {
        return host;
    }

    /** The engine's name and version, e.g. {@code Podman Engine 4.3.1}; fails when the engine does not answer. */
    public String describe() {
        try {
            var version = client.versionCmd().exec();
            String name = version.getComponents() == null || version.getComponents().isEmpty()
                    ? "Docker Engine API" : version.getComponents().get(0).getName();
            return name + " " + version.getVersion() + " (API " + version.getApiVersion() + ") at " + host;
        } catch (RuntimeException e) {
            throw new EngineException("The container engine at " + host + " does not answer: " + messageOf(e), e);
        }
    }

    /**
     * Pulls an image from its registry.
     *
     * @param reference {@code host/repository@sha256:…} or {@code host/repository:tag}
     * @param platform  {@code os/arch}, or null for the engine's own
     */
    public void pull(String reference, String platform, Duration timeout) {
        try {
            var pull = client.pullImageCmd(reference);
            if (platform != null) {
                pull.withPlatform(platform);
            }
            if (!pull.exec(new PullImageResultCallback()).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new EngineException("Pulling " + reference + " took longer than " + timeout, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while pulling " + reference, e);
        } catch (RuntimeException e) {
            throw wrap("Pulling " + reference, e);
        }
    }

    /** Loads a {@code docker save} tar, as {@code docker load} does. */
    public void load(Path dockerArchive) {
        try (InputStream tar = Files.newInputStream(dockerArchive)) {
            client.loadImageCmd(tar).exec();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dockerArchive, e);
        } catch (RuntimeException e) {
            throw wrap("Loading " + dockerArchive, e);
        }
    }

    /**
     * What to run.
     *
     * @param name          container name, unique on the engine
     * @param image         reference or image id
     * @param platform      {@code os/arch}, or null for the engine's own
     * @param containerPort the port the image serves, published on {@code bindAddress} at a port the engine picks
     */
    public record ContainerSpec(String name, String image, String platform, int containerPort, String bindAddress,
                                Map<String, String> environment, Map<String, String> labels, Integer hostPort,
                                Sandbox sandbox) {

        /** Published at a port the engine picks, with no sandbox. */
        public ContainerSpec(String name, String image, String platform, int containerPort, String bindAddress,
                             Map<String, String> environment, Map<String, String> labels) {
            this(name, image, platform, containerPort, bindAddress, environment, labels, null, null);
        }

        /** The same container, published at this host port (to come back at the address it had). */
        public ContainerSpec onHostPort(int port) {
            return new ContainerSpec(name, image, platform, containerPort, bindAddress, environment, labels, port,
                    sandbox);
        }

        /** The same container, run in this sandbox. */
        public ContainerSpec in(Sandbox limits) {
            return new ContainerSpec(name, image, platform, containerPort, bindAddress, environment, labels, hostPort,
                    limits);
        }
    }

    /**
     * What a container may use and do: at most {@code memoryBytes} of memory (no swap beyond it), {@code cpus} CPUs
     * and {@code pids} processes; every Linux capability dropped and no privilege gained through setuid binaries
     * (no-new-privileges); a read-only root filesystem with a tmpfs of {@code tmpfsBytes} at each of
     * {@code writablePaths}.
     */
    public record Sandbox(long memoryBytes, double cpus, long pids, long tmpfsBytes, List<String> writablePaths) {

        public Sandbox {
            if (memoryBytes < 6 * 1024 * 1024 || cpus <= 0 || pids < 1 || tmpfsBytes < 1) {
                throw new IllegalArgumentException("A sandbox needs at least 6 MiB of memory (the engine's minimum), "
                        + "some CPU, one process and some tmpfs: " + memoryBytes + " bytes, " + cpus + " CPUs, "
                        + pids + " processes, " + tmpfsBytes + " bytes of tmpfs");
            }
            writablePaths = List.copyOf(writablePaths);
        }

        /** Docker's tmpfs mount options for each writable path. */
        Map<String, String> tmpfs() {
            Map<String, String> mounts = new java.util.LinkedHashMap<>();
            writablePaths.forEach(path -> mounts.put(path, "rw,nosuid,nodev,size=" + tmpfsBytes));
            return mounts;
        }

        void applyTo(HostConfig host) {
            host.withMemory(memoryBytes).withMemorySwap(memoryBytes)
                    .withNanoCPUs(Math.round(cpus * 1_000_000_000L))
                    .withPidsLimit(pids)
                    .withCapDrop(Capability.ALL)
                    .withSecurityOpts(List.of("no-new-privileges"))
                    .withReadonlyRootfs(true)
                    .withTmpFs(tmpfs());
        }
    }

    /**
     * Creates and starts a container; returns its id. When the container is created but does not start, it is
     * removed (best effort) before the failure is thrown, so a failed run leaves nothing behind.
     */
    public String run(ContainerSpec spec) {
        ExposedPort port = ExposedPort.tcp(spec.containerPort());
        String id;
        try {
            var create = client.createContainerCmd(spec.image())
                    .withName(spec.name())
                    .withEnv(spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                    .withLabels(spec.labels())
                    .withExposedPorts(port)
                    .withHostConfig(hostConfig(spec, port));
            if (spec.platform() != null) {
                create.withPlatform(spec.platform());
            }
            id = create.exec().getId();
        } catch (RuntimeException e) {
            throw wrap("Creating " + spec.name() + " from " + spec.image(), e);
        }
        try {
            client.startContainerCmd(id).exec();
            return id;
        } catch (RuntimeException e) {
            EngineException failure = wrap("Starting " + spec.image() + " as " + spec.name(), e);
            try {
                client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException removal) {
                failure.addSuppressed(removal);
            }
            throw failure;
        }
    }

    private static HostConfig hostConfig(ContainerSpec spec, ExposedPort port) {
        HostConfig host = HostConfig.newHostConfig().withPortBindings(new PortBinding(spec.hostPort() == null
                ? Ports.Binding.bindIp(spec.bindAddress())
                : Ports.Binding.bindIpAndPort(spec.bindAddress(), spec.hostPort()), port));
        if (spec.sandbox() != null) {
            spec.sandbox().applyTo(host);
        }
        return host;
    }

    /** A container as the engine lists it. */
    public record ListedContainer(String id, String name, Map<String, String> labels, Instant created, String state) {
    }

    /** Every container (running or not) that carries this label with this value. */
    public List<ListedContainer> list(String label, String value) {
        try {
            return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, value)).exec().stream()
                    .map(container -> new ListedContainer(container.getId(),
                            container.getNames() == null || container.getNames().length == 0 ? null
                                    : container.getNames()[0].replaceFirst("^/", ""),
                            container.getLabels() == null ? Map.of() : container.getLabels(),
                            container.getCreated() == null ? null : Instant.ofEpochSecond(container.getCreated()),
                            container.getState()))
                    .toList();
        } catch (RuntimeException e) {
            throw wrap("Listing containers labelled " + label + "=" + value, e);
        }
    }

    /** The state of a container, or empty when there is none by that id or name. */
    public Optional<ContainerState> inspect(String idOrName) {
        try {
            InspectContainerResponse container = client.inspectContainerCmd(idOrName).exec();
            InspectContainerResponse.ContainerState state = container.getState();
            Map<ExposedPort, Ports.Binding[]> bindings = container.getNetworkSettings() == null
                    || container.getNetworkSettings().getPorts() == null
                    ? Map.of() : container.getNetworkSettings().getPorts().getBindings();
            Map<String, String> labels = container.getConfig() == null || container.getConfig().getLabels() == null
                    ? Map.of() : container.getConfig().getLabels();
            return Optional.of(new ContainerState(container.getId(), Boolean.TRUE.equals(state.getRunning()),
                    state.getStatus(), state.getExitCodeLong(), state.getError(), Boolean.TRUE.equals(state.getOOMKilled()),
                    bindings == null ? Map.of() : bindings, labels, container.getHostConfig()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            if (gone(e)) {
                return Optional.empty();
            }
            throw wrap("Inspecting " + idOrName, e);
        }
    }

    /**
     * @param labels the container's labels (empty when it has none)
     * @param host   what the engine says it runs the container with (limits, capabilities, mounts); null if it said
     *               nothing
     */
    public record ContainerState(String id, boolean running, String status, Long exitCode, String error,
                                 boolean oomKilled, Map<ExposedPort, Ports.Binding[]> portBindings,
                                 Map<String, String> labels, HostConfig host) {

        /** The host port a container port is published on. */
        public Optional<Integer> publishedPort(int containerPort) {
            Ports.Binding[] bindings = portBindings.get(ExposedPort.tcp(containerPort));
            if (bindings == null || bindings.length == 0 || bindings[0].getHostPortSpec() == null
                    || bindings[0].getHostPortSpec().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(bindings[0].getHostPortSpec()));
        }

        /** e.g. {@code running}, {@code exited with code 1, killed for lack of memory}. */
        public String describe() {
            String what = running ? status : exitCode == null ? status : "exited with code " + exitCode;
            return what + (oomKilled ? ", killed for lack of memory" : "")
                    + (error == null || error.isBlank() ? "" : ", " + error);
        }
    }

    /**
     * The container's output (stdout and stderr, interleaved as written).
     *
     * @param since null for from the start
     * @param until null for up to now
     * @param tail  at most this many of the last lines
     */
    public List<String> logs(String idOrName, Instant since, Instant until, int tail) {
        List<String> lines = new ArrayList<>();
        StringBuilder partial = new StringBuilder();
        try {
            var command = client.logContainerCmd(idOrName).withStdOut(true).withStdErr(true).withTail(tail);
            if (since != null) {
                command.withSince((int) since.getEpochSecond());
            }
            if (until != null) {
                // the API counts whole seconds: round up so the last second is included
                command.withUntil((int) (until.getEpochSecond() + 1));
            }
            command.exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    partial.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    int newline;
                    while ((newline = partial.indexOf("\n")) >= 0) {
                        lines.add(partial.substring(0, newline));
                        partial.delete(0, newline + 1);
                    }
                }
            }).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (NotFoundException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while reading the logs of " + idOrName, e);
        } catch (RuntimeException e) {
            throw wrap("Reading the logs of " + idOrName, e);
        }
        if (!partial.isEmpty()) {
            lines.add(partial.toString());
        }
        return lines;
    }

    /** Stops and removes a container; true if there was one. */
    public boolean remove(String idOrName) {
        try {
            client.removeContainerCmd(idOrName).withForce(true).withRemoveVolumes(true).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            if (gone(e)) {
                return false;
            }
            throw wrap("Removing " + idOrName, e);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Podman answers a request about a container it is removing at that moment with 500 "no such container" (not
     * 404): the container is gone either way.
     */
    private static boolean gone(RuntimeException e) {
        return e instanceof DockerException && String.valueOf(e.getMessage()).contains("no such container");
    }

    private EngineException wrap(String action, RuntimeException e) {
        return e instanceof EngineException engine ? engine
                : new EngineException(action + " failed on " + host + ": " + messageOf(e), e);
    }

    /** The engine's own message: docker-java puts the JSON error body into the exception message. */
    private static String messageOf(RuntimeException e) {
        String message = e.getMessage();
        if (e instanceof DockerException && message != null) {
            int start = message.indexOf("\"message\":\"");
            if (start >= 0) {
                int end = message.indexOf('"', start + 11);
                return message.substring(start + 11, end > 0 ? end : message.length());
            }
        }
        Throwable cause = e.getCause();
        return message != null ? message : cause != null ? cause.toString() : e.getClass().getSimpleName();
    }

    /** The engine refused or failed a request, or could not be reached. */
    public static final class EngineException extends RuntimeException {
        public EngineException(String message, Throwable cause) {
            super(message, cause);
        }

        /**
         * True when the engine was not reached or did not answer (no socket, connection refused, a timeout: an I/O
         * error under the failure), false when it answered with an error of its own.
         */
        public boolean unreachable() {
            for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException) {
                    return true;
                }
                if (cause instanceof DockerException) {
                    return false;
                }
            }
            return false;
        }
    }
}
