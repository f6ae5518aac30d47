package io.agentfoundry.deployer.local;

import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.deployer.service.LocalContainerTarget;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.platform.messaging.StepFailureException;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the LOCAL target says when there is no engine to talk to. */
class LocalContainerTargetTest {

    @Test
    void anEngineThatDoesNotAnswerFailsTheStepRetryablyNamingTheSetting() {
        Path missing = Path.of(System.getProperty("java.io.tmpdir"), "no-engine-" + UUID.randomUUID() + ".sock");
        DeployerConfig config = new SmallRyeConfigBuilder()
                .withMapping(DeployerConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter()) // "60s", as Quarkus reads it
                .withDefaultValue("agentfoundry.deployer.local.engine-host", "unix://" + missing)
                .build()
                .getConfigMapping(DeployerConfig.class);
        LocalContainerTarget target = new LocalContainerTarget(config);
        ImageBuilt image = new ImageBuilt(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Instant.now(), 1,
                Instant.now(), new AgentSpec("some_agent", null, "prompt", "bedrock/nova-pro", List.of(), List.of()),
                "127.0.0.1:5000/agentfoundry/some_agent:1", "sha256:" + "ab".repeat(32), List.of("linux/amd64"),
                "sha256:" + "01".repeat(32));
        List<String> progress = new ArrayList<>();

        assertThatThrownBy(() -> target.deploy(image, Optional.empty(), progress::add))
                .isInstanceOfSatisfying(StepFailureException.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("ENGINE_UNREACHABLE");
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.getMessage()).contains(missing.toString())
                            .contains("agentfoundry.deployer.local.engine-host");
                });
        assertThat(progress).isEmpty();
    }
}
