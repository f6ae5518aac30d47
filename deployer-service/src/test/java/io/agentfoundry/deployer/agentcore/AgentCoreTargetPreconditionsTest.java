package io.agentfoundry.deployer.agentcore;

import io.agentfoundry.testinfra.agentcore.AgentCoreFake;
import io.agentfoundry.events.DeployTarget;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.deployer.service.AgentCoreTarget;
import io.agentfoundry.deployer.service.DeployContext;
import io.agentfoundry.deployer.service.RuntimeTarget.RuntimePlacement;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.platform.domain.Failure;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.body;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.created;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.internalError;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.runtime;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.runtimeId;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.throttled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the target's settings decide, on the target alone: what it refuses before it calls AgentCore (each refusal says
 * what to configure, and nothing is sent), and what its requests to the {@link AgentCoreFake} then carry.
 */
class AgentCoreTargetPreconditionsTest {

    private WireMockServer server;
    private final Map<String, Object> agentcore = new HashMap<>();
    private final List<String> progress = new ArrayList<>();
    private final Map<String, String> credentialsBefore = new HashMap<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        // the SDK signs requests to the fake with whatever its default chain finds first: these (the ones before are
        // put back afterwards, for a Quarkus app of this JVM that may use them)
        for (String property : List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.disableEc2Metadata",
                "aws.sharedCredentialsFile", "aws.configFile")) {
            credentialsBefore.put(property, System.getProperty(property));
        }
        System.setProperty("aws.accessKeyId", AgentCoreFake.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", "agentcore-fake-secret");
        agentcore.put("region", Optional.of(AgentCoreFake.REGION));
        agentcore.put("roleArn", Optional.of(AgentCoreFake.ROLE_ARN));
        agentcore.put("networkMode", "PUBLIC");
        agentcore.put("subnets", Optional.empty());
        agentcore.put("securityGroups", Optional.empty());
        agentcore.put("maxAttempts", 4);
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
        credentialsBefore.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }

    @Test
    void isTheAgentCoreTarget() {
        assertThat(target().target()).isEqualTo(DeployTarget.AGENTCORE);
    }

    @Test
    void withoutARoleItNamesThePropertyToSet() {
        agentcore.put("roleArn", Optional.empty());
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "agentfoundry.deployer.agentcore.role-arn");
        agentcore.put("roleArn", Optional.of("  "));
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "agentfoundry.deployer.agentcore.role-arn");
    }

    @Test
    void anUnknownNetworkModeIsRefused() {
        agentcore.put("networkMode", "INTERNET");
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "PUBLIC or VPC, not INTERNET");
    }

    @Test
    void aVpcWithoutASubnetOrASecurityGroupIsRefusedNamingBothKeys() {
        agentcore.put("networkMode", "VPC");
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "network-mode VPC needs at least one subnet and one "
                + "security group", "agentfoundry.deployer.agentcore.subnets (unset)",
                "agentfoundry.deployer.agentcore.security-groups (unset)");
        agentcore.put("subnets", Optional.of(List.of("subnet-0abc")));
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "agentfoundry.deployer.agentcore.subnets ([subnet-0abc])",
                "agentfoundry.deployer.agentcore.security-groups (unset)");
        agentcore.put("subnets", Optional.of(List.of(" ")));
        agentcore.put("securityGroups", Optional.of(List.of("sg-0abc")));
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "agentfoundry.deployer.agentcore.subnets (unset)");
    }

    @Test
    void subnetsWithAPublicNetworkModeAreRefused() {
        agentcore.put("subnets", Optional.of(List.of("subnet-0abc")));
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "network-mode VPC only",
                "agentfoundry.deployer.agentcore.network-mode=VPC");
    }

    @Test
    void aVpcRuntimeIsCreatedInTheConfiguredSubnetsWithTheConfiguredSecurityGroups() {
        agentcore.put("networkMode", "VPC");
        agentcore.put("subnets", Optional.of(List.of("subnet-0123456789abcdef0", "subnet-0fedcba9876543210")));
        agentcore.put("securityGroups", Optional.of(List.of("sg-0123456789abcdef0")));
        AgentCoreFake fake = new AgentCoreFake(server);
        String agent = "Vpc_Agent";
        String runtimeId = runtimeId(agent);
        fake.createAnswers(agent, created(runtimeId, "1"));
        fake.getAnswers(runtimeId, "1", runtime(agent, runtimeId, "1", "READY"));

        RuntimePlacement placed = target().deploy(image(agent), Optional.empty(),
                DeployContext.uncancellable(progress::add));

        assertThat(placed.runtimeId()).isEqualTo(runtimeId);
        List<LoggedRequest> creates = fake.creates(agent);
        assertThat(creates).hasSize(1);
        assertThat(body(creates.get(0))).containsEntry("networkConfiguration", Map.of(
                "networkMode", "VPC",
                "networkModeConfig", Map.of(
                        "subnets", List.of("subnet-0123456789abcdef0", "subnet-0fedcba9876543210"),
                        "securityGroups", List.of("sg-0123456789abcdef0"))));
    }

    @Test
    void eachCallIsAttemptedAsOftenAsMaxAttemptsSays() {
        AgentCoreFake fake = new AgentCoreFake(server);
        String agent = "Attempts_Agent";
        String runtimeId = runtimeId(agent);
        fake.createAnswers(agent, internalError(), internalError(), created(runtimeId, "1"));
        fake.getAnswers(runtimeId, "1", runtime(agent, runtimeId, "1", "READY"));

        agentcore.put("maxAttempts", 2);
        assertThatThrownBy(() -> target().deploy(image(agent), Optional.empty(),
                DeployContext.uncancellable(progress::add)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThat(fake.creates(agent)).hasSize(2);

        // the default, 4: the third attempt gets the answer
        String patient = "Patient_Agent";
        String patientId = runtimeId(patient);
        fake.createAnswers(patient, internalError(), internalError(), created(patientId, "1"));
        fake.getAnswers(patientId, "1", runtime(patient, patientId, "1", "READY"));
        agentcore.put("maxAttempts", 4);
        assertThat(target().deploy(image(patient), Optional.empty(), DeployContext.uncancellable(progress::add))
                .runtimeId()).isEqualTo(patientId);
        assertThat(fake.creates(patient)).hasSize(3);
    }

    @Test
    void pollsThatFailAfterTheSdksAttemptsAreWaitedOut() {
        AgentCoreFake fake = new AgentCoreFake(server);
        String agent = "Flaky_Poll_Agent";
        String runtimeId = runtimeId(agent);
        fake.createAnswers(agent, created(runtimeId, "1"));
        // one attempt per call: each of these fails a poll of its own (HttpURLConnection sends a GET whose connection
        // was reset once more by itself: two resets make one failed poll)
        fake.getAnswers(runtimeId, "1", internalError(), throttled(),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), runtime(agent, runtimeId, "1", "READY"));
        agentcore.put("maxAttempts", 1);

        RuntimePlacement placed = target().deploy(image(agent), Optional.empty(),
                DeployContext.uncancellable(progress::add));

        assertThat(placed.runtimeId()).isEqualTo(runtimeId);
        assertThat(fake.gets(runtimeId)).hasSize(5);
        assertThat(progress).anyMatch(line -> line.startsWith("GetAgentRuntime failed: InternalServerException"))
                .anyMatch(line -> line.startsWith("GetAgentRuntime failed: ThrottlingException"))
                .anyMatch(line -> line.startsWith("GetAgentRuntime failed: Unable to execute HTTP request"));
    }

    @Test
    void pollsThatNeverGetAnAnswerFailAtTheDeadlineNamingTheLastError() {
        AgentCoreFake fake = new AgentCoreFake(server);
        String agent = "Unanswered_Poll_Agent";
        String runtimeId = runtimeId(agent);
        fake.createAnswers(agent, created(runtimeId, "1"));
        fake.getAnswers(runtimeId, "1", internalError());
        agentcore.put("maxAttempts", 1);
        agentcore.put("readyTimeout", Duration.ofSeconds(2));

        assertThatThrownBy(() -> target().deploy(image(agent), Optional.empty(),
                DeployContext.uncancellable(progress::add)))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("RUNTIME_NOT_READY");
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.getMessage()).contains("was not READY within 2s",
                            "last status GetAgentRuntime failed: InternalServerException: Internal server error "
                                    + "(HTTP 500)");
                });
        assertThat(fake.gets(runtimeId).size()).isGreaterThan(2);
    }

    @Test
    void withoutCredentialsItSaysWhatToConfigure() {
        for (String variable : List.of("AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            assumeTrue(System.getenv(variable) == null, variable + " is set: the SDK would find credentials");
        }
        // nothing for the SDK's default chain to find: no properties, no profile files, no instance metadata
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        String missing = Path.of(System.getProperty("java.io.tmpdir"), "no-aws-" + UUID.randomUUID()).toString();
        System.setProperty("aws.sharedCredentialsFile", missing);
        System.setProperty("aws.configFile", missing);
        System.setProperty("aws.disableEc2Metadata", "true");

        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "No AWS credentials for AgentCore (CreateAgentRuntime)",
                "AWS_ACCESS_KEY_ID", "Unable to load credentials");
    }

    @Test
    void fewerThanOneAttemptIsRefused() {
        agentcore.put("maxAttempts", 0);
        assertRefused(image(), "AGENTCORE_NOT_CONFIGURED", "agentfoundry.deployer.agentcore.max-attempts must be at "
                + "least 1");
    }

    @Test
    void anImageAgentCoreCannotRunIsRefused() {
        ImageBuilt archive = AgentCorePipeline.imageBuilt(UUID.randomUUID(), "Local_Agent",
                "docker-archive:/tmp/local_agent.tar", List.of("linux/arm64"));
        assertRefused(archive, "IMAGE_NOT_IN_ECR", "docker-archive");
        ImageBuilt amd64 = AgentCorePipeline.imageBuilt(UUID.randomUUID(), "Amd_Agent", List.of("linux/amd64"));
        assertRefused(amd64, "IMAGE_NOT_ARM64", "agentfoundry.builder.platforms");
    }

    private void assertRefused(ImageBuilt image, String code, String... message) {
        assertThatThrownBy(() -> target().deploy(image, Optional.empty(), DeployContext.uncancellable(progress::add)))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo(code);
                    assertThat(failure.getMessage()).contains(message);
                    assertThat(failure.retryable()).isFalse();
                });
        assertThat(server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    private ImageBuilt image() {
        return image("Precondition_Agent");
    }

    private static ImageBuilt image(String agent) {
        return AgentCorePipeline.imageBuilt(UUID.randomUUID(), agent, List.of("linux/arm64"));
    }

    private AgentCoreTarget target() {
        DeployerConfig.AgentCore agentCoreConfig = proxy(DeployerConfig.AgentCore.class, agentcore);
        DeployerConfig config = proxy(DeployerConfig.class, Map.of("agentcore", agentCoreConfig,
                "defaultTarget", DeployTarget.AGENTCORE));
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
