package io.agentfoundry.deployer.local;

import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.deployer.service.DeployContext;
import io.agentfoundry.deployer.service.LocalContainerTarget;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.platform.messaging.StepFailureException;
import io.agentfoundry.testinfra.PodmanEngine;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The LOCAL target alone: what it says when there is no engine to talk to, and a pull cut short by a cancellation. */
class LocalContainerTargetTest {

    private static LocalContainerTarget target(String engineHost) {
        DeployerConfig config = new SmallRyeConfigBuilder()
                .withMapping(DeployerConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "60s", as Quarkus reads it
                .withDefaultValue("agentfoundry.deployer.local.engine-host", engineHost)
                .build()
                .getConfigMapping(DeployerConfig.class);
        return new LocalContainerTarget(config);
    }

    private static ImageBuilt image(String agent, String reference) {
        return new ImageBuilt(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Instant.now(), 1,
                Instant.now(), new AgentSpec(agent, null, "prompt", "bedrock/nova-pro", List.of(), List.of()),
                reference, "sha256:" + "ab".repeat(32), List.of("linux/amd64"), "sha256:" + "01".repeat(32));
    }

    @Test
    void anEngineThatDoesNotAnswerFailsTheStepRetryablyNamingTheSetting() {
        Path missing = Path.of(System.getProperty("java.io.tmpdir"), "no-engine-" + UUID.randomUUID() + ".sock");
        LocalContainerTarget target = target("unix://" + missing);
        ImageBuilt image = image("some_agent", "127.0.0.1:5000/agentfoundry/some_agent:1");
        List<String> progress = new ArrayList<>();

        assertThatThrownBy(() -> target.deploy(image, Optional.empty(), DeployContext.uncancellable(progress::add)))
                .isInstanceOfSatisfying(StepFailureException.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("ENGINE_UNREACHABLE");
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.getMessage()).contains(missing.toString())
                            .contains("agentfoundry.deployer.local.engine-host");
                });
        assertThat(progress).isEmpty();
    }

    @Test
    void aJobCancelledWhileItsImageIsPulledStopsWaitingForThePull() throws Exception {
        // a registry that accepts connections and never answers: the engine's pull hangs (over a minute, here)
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(registry.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            LocalContainerTarget target = target(PodmanEngine.shared().host());
            ImageBuilt image = image("stalled_agent", "127.0.0.1:" + registry.getLocalPort()
                    + "/agentfoundry/stalled_agent:1");
            List<String> progress = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            // cancelled once the engine has been waiting on the registry for a second
            DeployContext context = new DeployContext(progress::add, () -> !held.isEmpty()
                    && System.nanoTime() - start > Duration.ofSeconds(1).toNanos());

            assertThatThrownBy(() -> target.deploy(image, Optional.empty(), context))
                    .isInstanceOfSatisfying(StepFailureException.class, failure -> {
                        assertThat(failure.errorCode()).isEqualTo("DEPLOY_CANCELLED");
                        assertThat(failure.retryable()).isFalse();
                        assertThat(failure.getMessage()).contains("being pulled");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(progress).anyMatch(line -> line.startsWith("Pulling 127.0.0.1:" + registry.getLocalPort()));
            assertThat(held).isNotEmpty();
            target.close();
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
