package io.agentfoundry.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real container engine for tests: Podman's Docker-compatible API ({@code podman system service}) on a socket of its
 * own, configured by the repository's {@code scripts/podman/containers.conf}, and told that the shared
 * {@link LocalRegistry} speaks plain HTTP. Podman comes from {@code scripts/install-prerequisites.sh}.
 */
public final class PodmanEngine implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/bin/podman");
    private static PodmanEngine shared;

    private final Process process;
    private final Path directory;

    private PodmanEngine(Process process, Path directory) {
        this.process = process;
        this.directory = directory;
    }

    /** One engine for the whole test JVM, trusting the shared local registry. */
    public static synchronized PodmanEngine shared() {
        if (shared == null) {
            shared = start(List.of(LocalRegistry.shared().host()));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "podman-engine-shutdown"));
        }
        return shared;
    }

    /** @param insecureRegistries {@code host:port} of registries served over plain HTTP */
    public static PodmanEngine start(List<String> insecureRegistries) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is not installed: run scripts/install-prerequisites.sh");
        }
        try {
            Path directory = Files.createTempDirectory("podman-engine");
            StringBuilder registries = new StringBuilder("unqualified-search-registries = []\n");
            insecureRegistries.forEach(registry -> registries.append("""

                    [[registry]]
                    location = "%s"
                    insecure = true
                    """.formatted(registry)));
            Files.writeString(directory.resolve("registries.conf"), registries);
            Path socket = directory.resolve("podman.sock");
            ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "--log-level=warn", "system", "service",
                    "--time=0", "unix://" + socket)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("podman.log").toFile());
            builder.environment().put("CONTAINERS_CONF", containersConf().toString());
            builder.environment().put("CONTAINERS_REGISTRIES_CONF", directory.resolve("registries.conf").toString());
            PodmanEngine engine = new PodmanEngine(builder.start(), directory);
            engine.awaitSocket(socket);
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + BINARY + " system service", e);
        }
    }

    /** The Docker Engine API address: {@code unix:///…/podman.sock}. */
    public String host() {
        return "unix://" + directory.resolve("podman.sock");
    }

    /** What the engine has logged, for failure messages. */
    public String log() {
        try {
            return Files.readString(directory.resolve("podman.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Freezes the engine's API server (SIGSTOP): connections are accepted and never answered, as an engine that hangs.
     * Its containers run on (each under its own conmon).
     */
    public void pause() {
        signal("STOP");
    }

    public void resume() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        resume();
        process.destroy();
    }

    /** The repository's containers.conf, found from the test's working directory (a module of the reactor). */
    static Path containersConf() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/podman/containers.conf");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("scripts/podman/containers.conf not found above " + Path.of("").toAbsolutePath());
    }

    private void awaitSocket(Path socket) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("podman system service did not open " + socket + ": " + log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
