package io.agentfoundry.deployer.agentcore;

import io.agentfoundry.deployer.service.AgentCoreNames;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.platform.domain.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentCoreNamesTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    // ---- runtime names ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "Weather_Agent", "agent_2", "x_"})
    void aNameAgentCoreAcceptsIsKept(String name) {
        assertThat(AgentCoreNames.runtimeName(name)).isEqualTo(name);
    }

    @Test
    void aNameOfExactlyFortyEightCharactersIsKept() {
        String name = "A" + "b".repeat(47);
        assertThat(AgentCoreNames.runtimeName(name)).isEqualTo(name);
    }

    @Test
    void aLongerNameIsCutToFortyEightAndKeptApartByAHashOfTheWholeName() {
        String prefix = "Customer_Support_Escalation_Agent_For_Region_";
        String europe = prefix + "Europe_West_Backup";
        String asia = prefix + "Asia_Pacific_Backup";
        assertThat(europe.length()).isGreaterThan(48);

        String europeName = AgentCoreNames.runtimeName(europe);
        String asiaName = AgentCoreNames.runtimeName(asia);

        assertThat(europeName).hasSize(48).matches(AgentCoreNames.RUNTIME_NAME)
                .startsWith(europe.substring(0, 39)).matches(".*_[0-9a-f]{8}");
        assertThat(asiaName).hasSize(48).matches(AgentCoreNames.RUNTIME_NAME);
        assertThat(europeName).isNotEqualTo(asiaName);
        // the same agent always gets the same runtime
        assertThat(AgentCoreNames.runtimeName(europe)).isEqualTo(europeName);
        // a 64-character name (the longest the spec rules allow)
        assertThat(AgentCoreNames.runtimeName("A".repeat(64))).hasSize(48).matches(AgentCoreNames.RUNTIME_NAME);
    }

    @Test
    void hostileNamesBecomeValidDistinctNames() {
        List<String> hostile = new ArrayList<>(List.of("", " ", "1agent", "_agent", "-", "weather-agent",
                "weatheragent_", "weather agent", "wéather_agént", "名前", "🤖bot", "../../etc/passwd",
                "agent'; DROP TABLE deployment;--", "a\nb", "a\u0000b", "ａｇｅｎｔ", "x".repeat(10_000),
                "9".repeat(64), "agent.v2", "agent:latest", "Agent/Runtime"));
        hostile.add(null);
        Set<String> names = new HashSet<>();
        for (String name : hostile) {
            String runtimeName = AgentCoreNames.runtimeName(name);
            assertThat(runtimeName).as("runtime name for %s", name)
                    .matches(AgentCoreNames.RUNTIME_NAME)
                    .hasSizeLessThanOrEqualTo(48);
            names.add(runtimeName);
            assertThat(AgentCoreNames.runtimeName(name)).as("again for %s", name).isEqualTo(runtimeName);
        }
        // null and "" are the same name; every other hostile name got a runtime of its own
        assertThat(names).hasSize(hostile.size() - 1);
        // dropping a character does not make it another agent's name
        assertThat(AgentCoreNames.runtimeName("weather-agent")).isNotEqualTo("weatheragent")
                .startsWith("weatheragent_");
        assertThat(AgentCoreNames.runtimeName("1agent")).startsWith("agent_1agent_");
    }

    // ---- client tokens ------------------------------------------------------------------------------------------

    @Test
    void theClientTokenIsTheJobsOwnAndValidForAgentCore() {
        UUID job = UUID.randomUUID();
        String token = AgentCoreNames.clientToken(job);

        assertThat(token).isEqualTo(job.toString()).hasSize(36).matches(AgentCoreNames.CLIENT_TOKEN);
        assertThat(AgentCoreNames.clientToken(job)).isEqualTo(token);
        assertThat(AgentCoreNames.clientToken(UUID.randomUUID())).isNotEqualTo(token);
        // a token that starts or ends with a hyphen would be refused; a UUID never does
        assertThat(AgentCoreNames.clientToken(new UUID(0, 0))).matches(AgentCoreNames.CLIENT_TOKEN);
    }

    @Test
    void tokensForOtherRequestsAreTheJobsTooButDistinct() {
        UUID job = UUID.randomUUID();
        String endpoint = AgentCoreNames.clientToken(job, "endpoint");
        String delete = AgentCoreNames.clientToken(job, "delete");

        assertThat(endpoint).isEqualTo(job + "-endpoint").matches(AgentCoreNames.CLIENT_TOKEN);
        assertThat(delete).isEqualTo(job + "-delete").matches(AgentCoreNames.CLIENT_TOKEN);
        assertThat(endpoint).isNotEqualTo(delete).isNotEqualTo(AgentCoreNames.clientToken(job));
        assertThatThrownBy(() -> AgentCoreNames.clientToken(job, "-bad")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentCoreNames.clientToken(job, "")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- images -------------------------------------------------------------------------------------------------

    @Test
    void theImageIsPulledFromItsEcrRepositoryByDigest() {
        String registry = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
        assertThat(AgentCoreNames.containerUri(image(registry + "/agentfoundry/weather_agent:6a1f-job")))
                .isEqualTo(registry + "/agentfoundry/weather_agent@" + DIGEST);
        assertThat(AgentCoreNames.containerUri(image(registry + "/team/agents/weather:v1")))
                .isEqualTo(registry + "/team/agents/weather@" + DIGEST);
        assertThat(AgentCoreNames.containerUri(image(registry + "/weather@sha256:" + "cd".repeat(32))))
                .isEqualTo(registry + "/weather@" + DIGEST);
        assertThat(AgentCoreNames.containerUri(image(registry + "/weather")))
                .isEqualTo(registry + "/weather@" + DIGEST);
        assertThat(AgentCoreNames.containerUri(image("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/weather:1")))
                .isEqualTo("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/weather@" + DIGEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-archive:/var/lib/agentfoundry/images/job.tar", "localhost:5000/agentfoundry/x:1",
            "registry.example.com/agentfoundry/x:1", "docker.io/library/python:3.11", "agentfoundry/x:1",
            "12345.dkr.ecr.us-east-1.amazonaws.com/x:1", "123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.com/x:1",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/", ""})
    void anImageOutsideEcrIsRefusedWithWhatToConfigure(String reference) {
        assertThatThrownBy(() -> AgentCoreNames.containerUri(image(reference)))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("IMAGE_NOT_IN_ECR");
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).contains("ECR");
                });
    }

    @Test
    void aDockerArchiveIsNamedAsSuch() {
        assertThatThrownBy(() -> AgentCoreNames.containerUri(image("docker-archive:/tmp/x.tar")))
                .hasMessageContaining("docker-archive tar on the builder's disk")
                .hasMessageContaining("agentfoundry.builder.registry");
    }

    @Test
    void onlyImagesWithAnArm64VariantRunOnAgentCore() {
        AgentCoreNames.requireArm64(List.of("linux/arm64"));
        AgentCoreNames.requireArm64(List.of("linux/amd64", "linux/arm64"));
        AgentCoreNames.requireArm64(List.of("linux/arm64/v8"));

        assertThatThrownBy(() -> AgentCoreNames.requireArm64(List.of("linux/amd64")))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("IMAGE_NOT_ARM64");
                    assertThat(failure.getMessage()).contains("linux/arm64 images only", "linux/amd64",
                            "agentfoundry.builder.platforms");
                });
        assertThatThrownBy(() -> AgentCoreNames.requireArm64(List.of("windows/arm64", "linux/arm")))
                .isInstanceOf(Failure.class).hasMessageContaining("windows/arm64, linux/arm");
        assertThatThrownBy(() -> AgentCoreNames.requireArm64(List.of()))
                .isInstanceOf(Failure.class).hasMessageContaining("no recorded platform");
    }

    // ---- invocation URL -----------------------------------------------------------------------------------------

    @Test
    void theInvocationUrlCarriesTheEncodedArnAndTheQualifier() {
        String arn = "arn:aws:bedrock-agentcore:us-west-2:123456789012:runtime/weather_agent-dLZqBT4IoJ";
        assertThat(AgentCoreNames.invocationUrl("us-west-2", arn, "DEFAULT")).isEqualTo(
                "https://bedrock-agentcore.us-west-2.amazonaws.com/runtimes/"
                        + "arn%3Aaws%3Abedrock-agentcore%3Aus-west-2%3A123456789012%3Aruntime%2Fweather_agent-dLZqBT4IoJ"
                        + "/invocations?qualifier=DEFAULT");
        assertThat(AgentCoreNames.invocationUrl("cn-north-1",
                "arn:aws-cn:bedrock-agentcore:cn-north-1:123456789012:runtime/a-1", "live"))
                .startsWith("https://bedrock-agentcore.cn-north-1.amazonaws.com.cn/runtimes/arn%3Aaws-cn%3A")
                .endsWith("?qualifier=live");
    }

    private static ImageBuilt image(String reference) {
        AgentSpec spec = new AgentSpec("weather", null, "prompt", "bedrock/nova-pro", List.of(), List.of());
        return new ImageBuilt(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), Instant.now(), 1, Instant.now(),
                spec, reference, DIGEST, List.of("linux/arm64"), "sha256:" + "01".repeat(32));
    }
}
