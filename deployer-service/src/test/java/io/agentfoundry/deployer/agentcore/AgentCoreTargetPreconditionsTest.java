package io.agentfoundry.deployer.agentcore;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.deployer.service.AgentCoreTarget;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.platform.messaging.StepFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the target refuses before it calls AgentCore: each refusal says what to configure, and nothing is sent. */
class AgentCoreTargetPreconditionsTest {

    private WireMockServer server;
    private final Map<String, Object> agentcore = new HashMap<>();
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        agentcore.put("region", Optional.of(AgentCoreFake.REGION));
        agentcore.put("roleArn", Optional.of(AgentCoreFake.ROLE_ARN));
        agentcore.put("networkMode", "PUBLIC");
        agentcore.put("environment", Map.of());
        agentcore.put("endpointName", Optional.empty());
        agentcore.put("readyTimeout", Duration.ofSeconds(5));
        agentcore.put("pollInitialInterval", Duration.ofMillis(50));
        agentcore.put("pollMaxInterval", Duration.ofMillis(200));
        agentcore.put("endpointOverride", Optional.of(URI.create(server.baseUrl())));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void isTheAgentCoreTarget() {
        assertThat(target().target()).isEqualTo(DeployerConfig.Target.AGENTCORE);
    }

    @Test
    void withoutARoleItNamesThePropertyToSet() {
        agentcore.put("roleArn", Optional.empty());
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "agentfoundry.deployer.agentcore.role-arn");
        agentcore.put("roleArn", Optional.of("  "));
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "agentfoundry.deployer.agentcore.role-arn");
    }

    @Test
    void aVpcOrUnknownNetworkModeIsRefused() {
        agentcore.put("networkMode", "VPC");
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "network-mode VPC");
        agentcore.put("networkMode", "INTERNET");
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "PUBLIC or VPC, not INTERNET");
    }

    @Test
    void anImageAgentCoreCannotRunIsRefused() {
        ImageBuilt archive = AgentCorePipeline.imageBuilt(UUID.randomUUID(), "Local_Agent",
                "docker-archive:/tmp/local_agent.tar", List.of("linux/arm64"));
        assertRefused(archive, "IMAGE_NOT_IN_ECR", "docker-archive");
        ImageBuilt amd64 = AgentCorePipeline.imageBuilt(UUID.randomUUID(), "Amd_Agent", List.of("linux/amd64"));
        assertRefused(amd64, "IMAGE_NOT_ARM64", "agentfoundry.builder.platforms");
    }

    private void assertRefused(ImageBuilt image, String code, String message) {
        assertThatThrownBy(() -> target().deploy(image, Optional.empty(), progress::add))
                .isInstanceOfSatisfying(StepFailureException.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo(code);
                    assertThat(failure.getMessage()).contains(message);
                    assertThat(failure.retryable()).isFalse();
                });
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    private ImageBuilt image() {
        return AgentCorePipeline.imageBuilt(UUID.randomUUID(), "Precondition_Agent", List.of("linux/arm64"));
    }

    private AgentCoreTarget target() {
        DeployerConfig.AgentCore agentCoreConfig = proxy(DeployerConfig.AgentCore.class, agentcore);
        DeployerConfig config = proxy(DeployerConfig.class, Map.of("agentcore", agentCoreConfig,
                "defaultTarget", DeployerConfig.Target.AGENTCORE));
        return new AgentCoreTarget(config);
    }

    /** A config mapping with these values, by method name; any other method is a test error. */
    private static <T> T proxy(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? type.getSimpleName() : method.invoke(values, args);
            }
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return values.get(method.getName());
        }));
    }
}
