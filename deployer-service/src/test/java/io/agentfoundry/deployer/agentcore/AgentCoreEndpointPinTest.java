package io.agentfoundry.deployer.agentcore;

import io.agentfoundry.testinfra.agentcore.AgentCoreFake;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.body;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.created;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.endpoint;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.endpointCreated;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.endpointUpdated;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.internalError;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.notFound;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.runtime;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.runtimeId;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.updated;
import static io.agentfoundry.deployer.agentcore.AgentCorePipeline.ARM64;
import static io.agentfoundry.deployer.agentcore.AgentCorePipeline.imageBuilt;
import static io.agentfoundry.deployer.agentcore.AgentCorePipeline.logs;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * With {@code agentcore.endpoint-name} set, each new version is pinned to that endpoint and invoked through it. This
 * app also has a short ready timeout (5s), for a runtime that never becomes READY.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "deployer_agentcore_pin"))
@WithTestResource(value = AgentCoreFakeResource.class, initArgs = {
        @ResourceArg(name = "endpoint-name", value = AgentCoreEndpointPinTest.ENDPOINT),
        @ResourceArg(name = "ready-timeout", value = "5s")})
class AgentCoreEndpointPinTest {

    static final String ENDPOINT = "live";

    private static AgentCorePipeline pipeline;

    @BeforeAll
    static void connect() {
        pipeline = new AgentCorePipeline();
    }

    @AfterAll
    static void disconnect() {
        pipeline.close();
    }

    private static AgentCoreFake fake() {
        return AgentCoreFakeResource.fake();
    }

    @Test
    void eachNewVersionIsPinnedToTheEndpointAndInvokedThroughIt() {
        String agent = "Pinned_Agent";
        String runtimeId = runtimeId(agent);
        fake().createAnswers(agent, created(runtimeId, "1"));
        fake().getAnswers(runtimeId, "1", runtime(agent, runtimeId, "1", "CREATING"),
                runtime(agent, runtimeId, "1", "READY"));
        fake().updateAnswers(runtimeId, updated(runtimeId, "2"));
        fake().getAnswers(runtimeId, "2", runtime(agent, runtimeId, "2", "UPDATING"),
                runtime(agent, runtimeId, "2", "READY"));
        fake().createEndpointAnswers(runtimeId, endpointCreated(runtimeId, ENDPOINT, "1"));
        fake().updateEndpointAnswers(runtimeId, ENDPOINT, endpointUpdated(runtimeId, ENDPOINT, "1", "2"));
        fake().getEndpointAnswers(runtimeId, ENDPOINT,
                // first job: missing, then created and serving version 1
                notFound("Endpoint " + ENDPOINT), endpoint(runtimeId, ENDPOINT, "CREATING", null, "1"),
                endpoint(runtimeId, ENDPOINT, "READY", "1", "1"),
                // second job: it exists, then moves to version 2
                endpoint(runtimeId, ENDPOINT, "READY", "1", "1"), endpoint(runtimeId, ENDPOINT, "UPDATING", "1", "2"),
                endpoint(runtimeId, ENDPOINT, "READY", "2", "2"));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        pipeline.publish(imageBuilt(first, agent, List.of(ARM64)));
        RuntimeCreated firstCreated = pipeline.awaitRuntimeCreated(first);
        pipeline.publish(imageBuilt(second, agent, List.of(ARM64)));
        RuntimeCreated secondCreated = pipeline.awaitRuntimeCreated(second);

        assertThat(firstCreated.qualifier()).isEqualTo(ENDPOINT);
        assertThat(firstCreated.runtimeVersion()).isEqualTo("1");
        assertThat(firstCreated.invocationUrl()).endsWith("/invocations?qualifier=" + ENDPOINT);
        assertThat(secondCreated.qualifier()).isEqualTo(ENDPOINT);
        assertThat(secondCreated.runtimeVersion()).isEqualTo("2");
        assertThat(secondCreated.runtimeId()).isEqualTo(runtimeId);

        List<LoggedRequest> creates = fake().endpointCreates(runtimeId);
        assertThat(creates).hasSize(1);
        assertThat(body(creates.get(0))).containsEntry("name", ENDPOINT)
                .containsEntry("agentRuntimeVersion", "1")
                .containsEntry("clientToken", first + "-endpoint");
        List<LoggedRequest> updates = fake().endpointUpdates(runtimeId, ENDPOINT);
        assertThat(updates).hasSize(1);
        assertThat(body(updates.get(0))).containsEntry("agentRuntimeVersion", "2")
                .containsEntry("clientToken", second + "-endpoint");

        given().get("/api/deployments/{jobId}", second).then().statusCode(200)
                .body("qualifier", equalTo(ENDPOINT))
                .body("runtimeVersion", equalTo("2"));
        given().get("/api/deployments/{jobId}", first).then().statusCode(200)
                .body("status", equalTo("SUPERSEDED"));
        assertThat(logs(second)).contains("Pointing AgentCore endpoint live of runtime Pinned_Agent at version 2",
                "AgentCore endpoint live of runtime Pinned_Agent is READY (live version 2, target version 2)");
    }

    @Test
    void anEndpointThatFailsFailsTheStepWithAgentCoresReason() {
        String agent = "Pin_Failing_Agent";
        String runtimeId = runtimeId(agent);
        String reason = "Endpoint creation failed: version 1 is not deployable";
        fake().createAnswers(agent, created(runtimeId, "1"));
        fake().getAnswers(runtimeId, "1", runtime(agent, runtimeId, "1", "READY"));
        fake().createEndpointAnswers(runtimeId, endpointCreated(runtimeId, ENDPOINT, "1"));
        fake().getEndpointAnswers(runtimeId, ENDPOINT, notFound("Endpoint " + ENDPOINT),
                endpoint(runtimeId, ENDPOINT, "CREATING", null, "1"),
                endpoint(runtimeId, ENDPOINT, "CREATE_FAILED", null, "1", reason));
        UUID jobId = UUID.randomUUID();

        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        StepFailed failed = pipeline.awaitStepFailed(jobId);

        assertThat(failed.errorCode()).isEqualTo("ENDPOINT_FAILED");
        assertThat(failed.message()).contains(reason, "CREATE_FAILED");
        assertThat(failed.retryable()).isFalse();
    }

    @Test
    void aRuntimeThatNeverBecomesReadyFailsRetryablyAtTheReadyTimeout() {
        String agent = "Stuck_Agent";
        String runtimeId = runtimeId(agent);
        fake().createAnswers(agent, created(runtimeId, "1"));
        fake().getAnswers(runtimeId, "1", runtime(agent, runtimeId, "1", "CREATING"));
        UUID jobId = UUID.randomUUID();

        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        StepFailed failed = pipeline.awaitStepFailed(jobId);

        assertThat(failed.errorCode()).isEqualTo("RUNTIME_NOT_READY");
        assertThat(failed.message()).contains("Stuck_Agent", "within 5s", "last status CREATING");
        assertThat(failed.retryable()).isTrue();
        // polled with backoff until the deadline: more than a couple of times, far fewer than every 50ms
        assertThat(fake().gets(runtimeId).size()).isBetween(3, 60);
    }

    @Test
    void anOutageWhilePollingTheEndpointIsWaitedOut() {
        String agent = "Pin_Outage_Agent";
        String runtimeId = runtimeId(agent);
        fake().createAnswers(agent, created(runtimeId, "1"));
        fake().getAnswers(runtimeId, "1", runtime(agent, runtimeId, "1", "READY"));
        fake().createEndpointAnswers(runtimeId, endpointCreated(runtimeId, ENDPOINT, "1"));
        // more 500s than the SDK's attempts (4): one poll fails, and the next one gets the answer
        fake().getEndpointAnswers(runtimeId, ENDPOINT, notFound("Endpoint " + ENDPOINT), internalError(),
                internalError(), internalError(), internalError(), internalError(),
                endpoint(runtimeId, ENDPOINT, "READY", "1", "1"));
        UUID jobId = UUID.randomUUID();

        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        RuntimeCreated created = pipeline.awaitRuntimeCreated(jobId);

        assertThat(created.qualifier()).isEqualTo(ENDPOINT);
        assertThat(logs(jobId)).contains("GetAgentRuntimeEndpoint failed: InternalServerException",
                "AgentCore endpoint live of runtime Pin_Outage_Agent is READY").doesNotContain("attempt 2");
    }

    @Test
    void aRuntimeThatNeverAnswersFailsRetryablyAtTheReadyTimeoutNamingTheLastError() {
        String agent = "Unanswered_Agent";
        String runtimeId = runtimeId(agent);
        fake().createAnswers(agent, created(runtimeId, "1"));
        fake().getAnswers(runtimeId, "1", runtime(agent, runtimeId, "1", "CREATING"), internalError());
        UUID jobId = UUID.randomUUID();

        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        StepFailed failed = pipeline.awaitStepFailed(jobId);

        assertThat(failed.errorCode()).isEqualTo("RUNTIME_NOT_READY");
        assertThat(failed.message()).contains("Unanswered_Agent", "within 5s",
                "GetAgentRuntime failed: InternalServerException: Internal server error (HTTP 500)");
        assertThat(failed.retryable()).isTrue();
        assertThat(fake().creates(agent)).hasSize(1);
    }
}
