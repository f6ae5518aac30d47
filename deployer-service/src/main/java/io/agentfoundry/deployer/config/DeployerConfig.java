package io.agentfoundry.deployer.config;

import io.agentfoundry.events.DeployTarget;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import io.quarkus.runtime.configuration.MemorySize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "agentfoundry.deployer")
public interface DeployerConfig {

    /** Where an agent whose spec names no {@code deployTarget} runs. */
    @WithDefault("LOCAL")
    DeployTarget defaultTarget();

    Local local();

    AgentCore agentcore();

    Reconcile reconcile();

    /**
     * The deployer holds what runs against what it recorded: on start and then periodically it re-creates an ACTIVE
     * container that vanished (or marks it LOST with RuntimeLost), and removes runtimes nobody wants any more.
     */
    interface Reconcile {
        /** Off only where something else owns what runs (the deployer's own tests of other things). */
        @WithDefault("true")
        boolean enabled();

        /** How often; the first round runs soon after start. */
        @WithDefault("60s")
        Duration interval();

        /**
         * How long the runtime of a job that failed its test, or was cancelled, is kept (to look at it) before it is
         * removed. A retry within this time keeps it.
         */
        @WithDefault("10m")
        Duration grace();
    }

    interface Local {
        /**
         * The Docker Engine API: {@code unix:///var/run/docker.sock}, Podman's {@code unix:///run/podman/podman.sock},
         * or {@code tcp://host:2375}.
         */
        @WithDefault("unix:///var/run/docker.sock")
        String engineHost();

        /** Host address the container's port 8080 is published on. */
        @WithDefault("127.0.0.1")
        String bindAddress();

        /**
         * The host name the invocation URL uses, for when the deployer and tester reach the engine's host under another
         * name (in docker-compose: {@code host.docker.internal}). Unset: the bind address ({@code 127.0.0.1} for
         * {@code 0.0.0.0}).
         */
        Optional<String> advertisedHost();

        /**
         * The directory {@code docker-archive:<path>} images may be loaded from (the builder's output directory, as the
         * deployer sees it). An archive is loaded only when its path resolves, symbolic links followed, to a regular
         * file under this directory. Unset: no docker-archive image is loaded.
         */
        Optional<String> archiveDir();

        /** How long pulling (or loading) the image may take. */
        @WithDefault("5m")
        Duration pullTimeout();

        /** How long the started container may take to answer {@code /ping} with Healthy. */
        @WithDefault("60s")
        Duration readyTimeout();

        /** How many of the container's last log lines a failed start reports. */
        @WithDefault("40")
        int failureLogLines();

        /** Environment variables every agent container gets (for example AWS_REGION, OLLAMA_HOST). */
        Map<String, String> environment();

        /**
         * How long a deployment waits for an engine that does not answer (restarting, paused, overloaded) before the
         * step fails with ENGINE_UNREACHABLE.
         */
        @WithDefault("60s")
        Duration engineWait();

        /** The longest an engine request may go without an answer before it counts as unreachable. */
        @WithDefault("30s")
        Duration engineResponseTimeout();

        /**
         * The label value that marks this deployer's containers on a shared engine; only containers with it are
         * reconciled or removed as leftovers. Unset: derived from the deployer's database, so that replicas share it
         * and deployers with other databases never touch each other's containers.
         */
        Optional<String> owner();

        /** What an agent container may use and do. */
        Sandbox sandbox();
    }

    /**
     * The LOCAL sandbox: memory (no swap beyond it), CPU and process limits; every capability dropped,
     * no-new-privileges, a read-only root filesystem with a tmpfs at each writable path.
     */
    interface Sandbox {
        /** Off only for engines that cannot apply limits (no cgroup controllers): containers then run unconfined. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("1G")
        MemorySize memory();

        @WithDefault("1.0")
        double cpus();

        @WithDefault("256")
        long pids();

        /** The size of each writable tmpfs. */
        @WithDefault("64M")
        MemorySize tmpfsSize();

        /** Where the agent may write; everything else is read-only. */
        @WithDefault("/tmp")
        List<String> writablePaths();
    }

    interface AgentCore {
        /** Unset means the AWS SDK's region chain. */
        Optional<String> region();

        /** The IAM role the runtime assumes; required for the AGENTCORE target. */
        Optional<String> roleArn();

        /** {@code PUBLIC}, or {@code VPC} with {@link #subnets()} and {@link #securityGroups()}. */
        @WithDefault("PUBLIC")
        String networkMode();

        /** VPC only, required there: the subnets (IDs, comma-separated) the runtime's network interfaces go in. */
        Optional<List<String>> subnets();

        /** VPC only, required there: the security groups (IDs, comma-separated) of those interfaces. */
        Optional<List<String>> securityGroups();

        /** Environment variables of the runtime. */
        Map<String, String> environment();

        /**
         * An endpoint to point at each new version (created when missing). Unset: callers use {@code DEFAULT}, which
         * AgentCore moves to the latest version itself.
         */
        Optional<String> endpointName();

        /** How long the runtime (and the pinned endpoint) may take to become READY. */
        @WithDefault("15m")
        Duration readyTimeout();

        /** First wait between GetAgentRuntime polls; doubles up to {@link #pollMaxInterval()}. */
        @WithDefault("2s")
        Duration pollInitialInterval();

        @WithDefault("30s")
        Duration pollMaxInterval();

        /**
         * Attempts per control-plane call under the SDK's standard retry strategy (backoff with jitter, throttling
         * aware); 1 means no retries. Throttling, a server error or an I/O failure left after the last one fails the
         * step's attempt, and the step is tried again; while polling for readiness it only fails that poll, and the
         * next one is made until {@link #readyTimeout()}.
         */
        @WithDefault("4")
        int maxAttempts();

        /** Another control-plane endpoint (a VPC endpoint, or a fake in tests). */
        Optional<URI> endpointOverride();
    }
}
