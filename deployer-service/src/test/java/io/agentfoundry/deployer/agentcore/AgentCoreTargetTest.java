package io.agentfoundry.deployer.agentcore;

import io.agentfoundry.testinfra.agentcore.AgentCoreFake;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.arn;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.body;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.created;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.deleting;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.describe;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.error;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.internalError;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.notFound;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.runtime;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.runtimeId;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.summary;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.throttled;
import static io.agentfoundry.testinfra.agentcore.AgentCoreFake.updated;
import static io.agentfoundry.deployer.agentcore.AgentCorePipeline.ARM64;
import static io.agentfoundry.deployer.agentcore.AgentCorePipeline.containerUri;
import static io.agentfoundry.deployer.agentcore.AgentCorePipeline.imageBuilt;
import static io.agentfoundry.deployer.agentcore.AgentCorePipeline.logs;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The AGENTCORE target through the real pipeline (ImageBuilt on Kafka in, RuntimeCreated or StepFailed out, the
 * deployment in PostgreSQL), against a fake of the AgentCore control plane. Each test uses agents of its own.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "deployer_agentcore"))
@WithTestResource(AgentCoreFakeResource.class)
class AgentCoreTargetTest {

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

    /** Stubs a first deployment of the agent that becomes READY after two polls; returns the runtime id. */
    private static String runtimeBecomesReady(String agent) {
        String runtimeId = runtimeId(agent);
        fake().createAnswers(agent, created(runtimeId, "1"));
        fake().getAnswers(runtimeId, "1", runtime(agent, runtimeId, "1", "CREATING"),
                runtime(agent, runtimeId, "1", "CREATING"), runtime(agent, runtimeId, "1", "READY"));
        return runtimeId;
    }

    @Test
    void createsTheRuntimeFromTheImageByDigestAndWaitsUntilItIsReady() {
        String agent = "Create_Agent";
        String runtimeId = runtimeBecomesReady(agent);
        UUID jobId = UUID.randomUUID();

        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        RuntimeCreated created = pipeline.awaitRuntimeCreated(jobId);

        assertThat(created.target()).isEqualTo(DeployTarget.AGENTCORE.name());
        assertThat(created.runtimeId()).isEqualTo(runtimeId);
        assertThat(created.runtimeArn()).isEqualTo(arn(runtimeId));
        assertThat(created.runtimeVersion()).isEqualTo("1");
        assertThat(created.qualifier()).isEqualTo("DEFAULT");
        assertThat(created.region()).isEqualTo(AgentCoreFake.REGION);
        assertThat(created.invocationUrl()).isEqualTo("https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/"
                + "arn%3Aaws%3Abedrock-agentcore%3Aus-east-1%3A123456789012%3Aruntime%2F" + runtimeId
                + "/invocations?qualifier=DEFAULT");

        List<LoggedRequest> creates = fake().creates(agent);
        assertThat(creates).hasSize(1);
        LoggedRequest create = creates.get(0);
        Map<String, Object> request = body(create);
        assertThat(request).containsEntry("agentRuntimeName", agent)
                .containsEntry("agentRuntimeArtifact",
                        Map.of("containerConfiguration", Map.of("containerUri", containerUri(jobId, agent))))
                .containsEntry("roleArn", AgentCoreFake.ROLE_ARN)
                .containsEntry("networkConfiguration", Map.of("networkMode", "PUBLIC"))
                .containsEntry("protocolConfiguration", Map.of("serverProtocol", "HTTP"))
                .containsEntry("environmentVariables", Map.of("LOG_LEVEL", "INFO"))
                .containsEntry("clientToken", jobId.toString());
        assertThat((String) request.get("description")).contains(jobId.toString());
        // a SigV4-signed REST-JSON request for the bedrock-agentcore service in the configured region
        assertThat(create.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential="
                + AgentCoreFake.ACCESS_KEY_ID + "/").contains("/us-east-1/bedrock-agentcore/aws4_request");
        assertThat(create.getHeader("Content-Type")).startsWith("application/json");

        // polled the version it made, until READY, and no further
        List<LoggedRequest> gets = fake().gets(runtimeId);
        assertThat(gets).hasSize(3).allSatisfy(get -> assertThat(get.queryParameter("version").firstValue())
                .isEqualTo("1"));

        given().get("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("target", equalTo("AGENTCORE"))
                .body("status", equalTo("ACTIVE"))
                .body("runtimeId", equalTo(runtimeId))
                .body("runtimeArn", equalTo(arn(runtimeId)))
                .body("runtimeVersion", equalTo("1"))
                .body("qualifier", equalTo("DEFAULT"))
                .body("region", equalTo("us-east-1"))
                .body("invocationUrl", equalTo(created.invocationUrl()));
        assertThat(logs(jobId)).contains("AgentCore runtime Create_Agent is CREATING (version 1)",
                "AgentCore runtime Create_Agent is READY (version 1)");
    }

    @Test
    void aLaterJobOfTheAgentUpdatesItsRuntimeToANewVersion() {
        String agent = "Update_Agent";
        String runtimeId = runtimeBecomesReady(agent);
        fake().updateAnswers(runtimeId, updated(runtimeId, "2"));
        fake().getAnswers(runtimeId, "2", runtime(agent, runtimeId, "2", "UPDATING"),
                runtime(agent, runtimeId, "2", "READY"));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        pipeline.publish(imageBuilt(first, agent, List.of(ARM64)));
        pipeline.awaitRuntimeCreated(first);
        pipeline.publish(imageBuilt(second, agent, List.of("linux/amd64", ARM64)));
        RuntimeCreated updated = pipeline.awaitRuntimeCreated(second);

        assertThat(updated.runtimeId()).isEqualTo(runtimeId);
        assertThat(updated.runtimeArn()).isEqualTo(arn(runtimeId));
        assertThat(updated.runtimeVersion()).isEqualTo("2");
        assertThat(fake().creates(agent)).hasSize(1);
        List<LoggedRequest> updates = fake().updates(runtimeId);
        assertThat(updates).hasSize(1);
        assertThat(body(updates.get(0)))
                .containsEntry("agentRuntimeArtifact",
                        Map.of("containerConfiguration", Map.of("containerUri", containerUri(second, agent))))
                .containsEntry("roleArn", AgentCoreFake.ROLE_ARN)
                .containsEntry("networkConfiguration", Map.of("networkMode", "PUBLIC"))
                .containsEntry("clientToken", second.toString())
                .doesNotContainKey("agentRuntimeName");

        given().get("/api/deployments/{jobId}", first).then().statusCode(200)
                .body("status", equalTo("SUPERSEDED"))
                .body("supersededBy", equalTo(second.toString()));
        given().get("/api/deployments/{jobId}", second).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("runtimeVersion", equalTo("2"));
        assertThat(logs(second)).contains("AgentCore runtime Update_Agent is UPDATING (version 2)",
                "AgentCore runtime Update_Agent is READY (version 2)");
    }

    @Test
    void aRuntimeThatFailsToCreateFailsTheStepWithAgentCoresReason() {
        String agent = "Failing_Agent";
        String runtimeId = runtimeId(agent);
        String reason = "Access denied while validating ECR URI '" + AgentCoreFake.ECR_REGISTRY
                + "/agentfoundry/failing_agent'. The execution role requires permissions for ecr:GetAuthorizationToken";
        fake().createAnswers(agent, created(runtimeId, "1"));
        fake().getAnswers(runtimeId, "1", runtime(agent, runtimeId, "1", "CREATING"),
                runtime(agent, runtimeId, "1", "CREATE_FAILED", reason));
        fake().deleteAnswers(runtimeId, deleting(runtimeId));
        UUID jobId = UUID.randomUUID();

        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        StepFailed failed = pipeline.awaitStepFailed(jobId);

        assertThat(failed.errorCode()).isEqualTo("RUNTIME_FAILED");
        assertThat(failed.message()).contains(reason).contains("CREATE_FAILED");
        assertThat(failed.retryable()).isFalse();
        // the failed runtime this job created serves nothing: deleted, and the record says so
        assertThat(fake().deletes(runtimeId)).hasSize(1);
        given().get("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("status", equalTo("REMOVED"))
                .body("runtimeId", equalTo(runtimeId));
    }

    @Test
    void aRequestAgentCoreRefusesFailsTheStepWithoutRetrying() {
        String agent = "Refused_Agent";
        fake().createAnswers(agent, error(400, "ValidationException",
                "1 validation error detected: Value at 'roleArn' failed to satisfy constraint"));
        UUID jobId = UUID.randomUUID();

        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        StepFailed failed = pipeline.awaitStepFailed(jobId);

        assertThat(failed.errorCode()).isEqualTo("AGENTCORE_REQUEST_REFUSED");
        assertThat(failed.message()).contains("CreateAgentRuntime", "ValidationException",
                "Value at 'roleArn' failed to satisfy constraint");
        assertThat(failed.retryable()).isFalse();
        assertThat(fake().creates(agent)).hasSize(1);
    }

    @Test
    void throttlingAndServerErrorsAreRetriedByTheSdkWithTheSameClientToken() {
        String agent = "Throttled_Agent";
        String runtimeId = runtimeId(agent);
        fake().createAnswers(agent, throttled(), created(runtimeId, "1"));
        fake().getAnswers(runtimeId, "1", internalError(), runtime(agent, runtimeId, "1", "CREATING"),
                runtime(agent, runtimeId, "1", "READY"));
        UUID jobId = UUID.randomUUID();

        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        RuntimeCreated created = pipeline.awaitRuntimeCreated(jobId);

        assertThat(created.runtimeId()).isEqualTo(runtimeId);
        List<LoggedRequest> creates = fake().creates(agent);
        assertThat(creates).hasSize(2);
        assertThat(creates).extracting(request -> body(request).get("clientToken"))
                .containsExactly(jobId.toString(), jobId.toString());
        // the 500 was retried, not taken for an answer
        assertThat(fake().gets(runtimeId)).hasSize(3);
        // one step attempt: the SDK absorbed both faults
        assertThat(logs(jobId)).contains("deploy started (attempt 1)").doesNotContain("attempt 2");
    }

    @Test
    void aStepRetriedAfterAnOutageSendsTheSameClientToken() {
        String agent = "Outage_Agent";
        String runtimeId = runtimeId(agent);
        // more 500s than the SDK's attempts (4): the step's first try fails and the consumer tries it again, with the
        // job's token, so that AgentCore answers with what that token made if the outage only hid its answer
        fake().createAnswers(agent, internalError(), internalError(), internalError(), internalError(),
                created(runtimeId, "1"));
        fake().getAnswers(runtimeId, "1", runtime(agent, runtimeId, "1", "READY"));
        UUID jobId = UUID.randomUUID();

        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        RuntimeCreated created = pipeline.awaitRuntimeCreated(jobId);

        assertThat(created.runtimeId()).isEqualTo(runtimeId);
        assertThat(created.runtimeVersion()).isEqualTo("1");
        List<LoggedRequest> creates = fake().creates(agent);
        assertThat(creates).hasSize(5);
        assertThat(creates).extracting(request -> body(request).get("clientToken")).containsOnly(jobId.toString());
        assertThat(pipeline.records(Topics.RUNTIME_CREATED, jobId)).hasSize(1);
        assertThat(logs(jobId)).contains("deploy started (attempt 2)");
    }

    @Test
    void anOutageWhilePollingOutlastingTheSdksAttemptsIsWaitedOut() {
        String agent = "Polled_Through_Agent";
        String runtimeId = runtimeId(agent);
        fake().createAnswers(agent, created(runtimeId, "1"));
        // more 500s than the SDK's attempts (4): one poll fails, and the next one gets the answer
        fake().getAnswers(runtimeId, "1", internalError(), internalError(), internalError(), internalError(),
                internalError(), runtime(agent, runtimeId, "1", "READY"));
        UUID jobId = UUID.randomUUID();

        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        RuntimeCreated created = pipeline.awaitRuntimeCreated(jobId);

        assertThat(created.runtimeId()).isEqualTo(runtimeId);
        assertThat(fake().creates(agent)).hasSize(1);
        assertThat(fake().gets(runtimeId)).hasSize(6);
        // one step attempt: the poll's failure was recorded, not thrown
        assertThat(logs(jobId)).contains("GetAgentRuntime failed: InternalServerException: Internal server error "
                + "(HTTP 500); still waiting for AgentCore runtime Polled_Through_Agent version 1",
                "AgentCore runtime Polled_Through_Agent is READY (version 1)").doesNotContain("attempt 2");
    }

    @Test
    void aRedeliveredEventCreatesNothingTwice() throws Exception {
        String agent = "Redelivered_Agent";
        String runtimeId = runtimeBecomesReady(agent);
        UUID jobId = UUID.randomUUID();
        ImageBuilt event = imageBuilt(jobId, agent, List.of(ARM64));

        RecordMetadata first = pipeline.publish(event);
        RecordMetadata again = pipeline.publish(event);
        pipeline.awaitConsumed(first);
        pipeline.awaitConsumed(again);
        pipeline.awaitRuntimeCreated(jobId);

        assertThat(fake().creates(agent)).hasSize(1);
        assertThat(fake().gets(runtimeId)).hasSize(3);
        assertThat(pipeline.records(Topics.RUNTIME_CREATED, jobId)).hasSize(1);
    }

    @Test
    void aRuntimeOfTheSameNameMadeElsewhereIsFoundAndUpdated() {
        String agent = "Adopted_Agent";
        String runtimeId = runtimeId(agent);
        fake().createAnswers(agent, error(409, "ConflictException",
                "An agent runtime with the name '" + agent + "' already exists"));
        fake().listPages(List.of(
                List.of(summary("Some_Other_Agent", runtimeId("Some_Other_Agent"), "4")),
                List.of(summary("Another_Agent", runtimeId("Another_Agent"), "1"), summary(agent, runtimeId, "2"))));
        fake().updateAnswers(runtimeId, updated(runtimeId, "3"));
        fake().getAnswers(runtimeId, "3", runtime(agent, runtimeId, "3", "UPDATING"),
                runtime(agent, runtimeId, "3", "READY"));
        UUID jobId = UUID.randomUUID();

        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        RuntimeCreated created = pipeline.awaitRuntimeCreated(jobId);

        assertThat(created.runtimeId()).isEqualTo(runtimeId);
        assertThat(created.runtimeVersion()).isEqualTo("3");
        // paged through the list to its second page
        assertThat(fake().lists()).hasSize(2);
        List<LoggedRequest> updates = fake().updates(runtimeId);
        assertThat(updates).hasSize(1);
        assertThat(body(updates.get(0))).containsEntry("clientToken", jobId.toString())
                .containsEntry("agentRuntimeArtifact",
                        Map.of("containerConfiguration", Map.of("containerUri", containerUri(jobId, agent))));
        assertThat(logs(jobId)).contains("already exists, created outside this deployer's records");
    }

    @Test
    void tearingDownDeletesTheRuntimeOnceAndARuntimeAlreadyGoneIsFine() {
        String agent = "Teardown_Agent";
        String runtimeId = runtimeBecomesReady(agent);
        fake().deleteAnswers(runtimeId, deleting(runtimeId), notFound("Agent runtime " + runtimeId));
        UUID jobId = UUID.randomUUID();
        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        pipeline.awaitRuntimeCreated(jobId);

        given().delete("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("status", equalTo("REMOVED"));
        given().delete("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("status", equalTo("REMOVED"));

        List<LoggedRequest> deletes = fake().deletes(runtimeId);
        assertThat(deletes).as(describe(deletes)).hasSize(1);
        assertThat(deletes.get(0).queryParameter("clientToken").firstValue()).isEqualTo(jobId + "-delete");
        given().get("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("status", equalTo("REMOVED"));

        // deleted outside the deployer: ResourceNotFoundException, and the deployment is removed all the same
        String goneAgent = "Gone_Agent";
        String goneRuntimeId = runtimeBecomesReady(goneAgent);
        fake().deleteAnswers(goneRuntimeId, notFound("Agent runtime " + goneRuntimeId));
        UUID goneJob = UUID.randomUUID();
        pipeline.publish(imageBuilt(goneJob, goneAgent, List.of(ARM64)));
        pipeline.awaitRuntimeCreated(goneJob);

        given().delete("/api/deployments/{jobId}", goneJob).then().statusCode(200)
                .body("status", equalTo("REMOVED"));
        assertThat(fake().deletes(goneRuntimeId)).hasSize(1);
    }

    @Test
    void aTearDownAgentCoreFailsAnswers502AndLeavesTheDeploymentActive() {
        String agent = "Undeletable_Agent";
        String runtimeId = runtimeBecomesReady(agent);
        fake().deleteAnswers(runtimeId, internalError());
        UUID jobId = UUID.randomUUID();
        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        pipeline.awaitRuntimeCreated(jobId);

        given().delete("/api/deployments/{jobId}", jobId).then().statusCode(502)
                .contentType("application/problem+json")
                .body("status", equalTo(502))
                .body("detail", containsString("Could not delete AgentCore runtime " + runtimeId))
                .body("detail", containsString("InternalServerException: Internal server error (HTTP 500)"));
        given().get("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("status", equalTo("ACTIVE"));

        // once AgentCore deletes it, the tear-down goes through
        fake().deleteAnswers(runtimeId, deleting(runtimeId));
        given().delete("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("status", equalTo("REMOVED"));
    }

    @Test
    void cancellingTheJobStopsPollingAndDeletesTheRuntimeItCreated() throws Exception {
        String agent = "Cancelled_Create_Agent";
        String runtimeId = runtimeId(agent);
        fake().createAnswers(agent, created(runtimeId, "1"));
        fake().getAnswers(runtimeId, "1", runtime(agent, runtimeId, "1", "CREATING"));
        fake().deleteAnswers(runtimeId, deleting(runtimeId));
        UUID jobId = UUID.randomUUID();
        pipeline.publish(imageBuilt(jobId, agent, List.of(ARM64)));
        await().atMost(AgentCorePipeline.WAIT).until(() -> fake().gets(runtimeId).size() >= 2);

        long cancelledAt = System.nanoTime();
        pipeline.cancel(jobId);
        StepFailed failed = pipeline.awaitStepFailed(jobId);

        // well before the 60s ready timeout: the wait noticed the cancellation
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(15));
        assertThat(failed.errorCode()).isEqualTo("DEPLOY_CANCELLED");
        assertThat(failed.retryable()).isFalse();
        assertThat(failed.message()).contains("cancelled", runtimeId, "was being created");
        assertStopsPolling(runtimeId, "1");
        assertThat(pipeline.records(Topics.RUNTIME_CREATED, jobId)).isEmpty();
        // a runtime only this job made, which no deployment records: deleted, idempotently for the job
        List<LoggedRequest> deletes = fake().deletes(runtimeId);
        assertThat(deletes).as(describe(deletes)).hasSize(1);
        assertThat(deletes.get(0).queryParameter("clientToken").firstValue()).isEqualTo(jobId + "-delete");
        given().get("/api/deployments/{jobId}", jobId).then().statusCode(200).body("status", equalTo("REMOVED"));
        assertThat(logs(jobId)).contains("which this job created: the job was cancelled");
    }

    @Test
    void cancellingAnUpdateStopsPollingAndLeavesTheAgentsRuntimeAlone() throws Exception {
        String agent = "Cancelled_Update_Agent";
        String runtimeId = runtimeBecomesReady(agent);
        fake().updateAnswers(runtimeId, updated(runtimeId, "2"));
        fake().getAnswers(runtimeId, "2", runtime(agent, runtimeId, "2", "UPDATING"));
        UUID first = UUID.randomUUID();
        pipeline.publish(imageBuilt(first, agent, List.of(ARM64)));
        pipeline.awaitRuntimeCreated(first);
        UUID second = UUID.randomUUID();
        pipeline.publish(imageBuilt(second, agent, List.of(ARM64)));
        await().atMost(AgentCorePipeline.WAIT).until(() -> polls(runtimeId, "2") >= 2);

        pipeline.cancel(second);
        StepFailed failed = pipeline.awaitStepFailed(second);

        assertThat(failed.errorCode()).isEqualTo("DEPLOY_CANCELLED");
        assertThat(failed.message()).contains("being updated to version 2", "left as it is");
        assertStopsPolling(runtimeId, "2");
        assertThat(pipeline.records(Topics.RUNTIME_CREATED, second)).isEmpty();
        // the runtime serves the agent's active deployment: not deleted, and that deployment stays active
        assertThat(fake().deletes(runtimeId)).isEmpty();
        given().get("/api/deployments/{jobId}", first).then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("runtimeVersion", equalTo("1"));
        given().get("/api/deployments/{jobId}", second).then().statusCode(404);
    }

    private static long polls(String runtimeId, String version) {
        return fake().gets(runtimeId).stream()
                .filter(get -> version.equals(get.queryParameter("version").firstValue())).count();
    }

    /** No poll after the step ended (the fake's intervals are 50 to 200 ms: a live loop would poll again). */
    private static void assertStopsPolling(String runtimeId, String version) throws InterruptedException {
        long polled = polls(runtimeId, version);
        Thread.sleep(1_000);
        assertThat(polls(runtimeId, version)).isEqualTo(polled);
    }

    @Test
    void anImageAgentCoreCannotPullFailsTheStepBeforeAnyCall() {
        UUID archived = UUID.randomUUID();
        pipeline.publish(imageBuilt(archived, "Archived_Agent",
                "docker-archive:/var/lib/agentfoundry/images/" + archived + ".tar", List.of(ARM64)));
        StepFailed notInEcr = pipeline.awaitStepFailed(archived);
        assertThat(notInEcr.errorCode()).isEqualTo("IMAGE_NOT_IN_ECR");
        assertThat(notInEcr.message()).contains("docker-archive", "ECR", "agentfoundry.builder.registry");
        assertThat(notInEcr.retryable()).isFalse();

        UUID elsewhere = UUID.randomUUID();
        pipeline.publish(imageBuilt(elsewhere, "Elsewhere_Agent",
                "registry.example.com/agentfoundry/elsewhere_agent:" + elsewhere, List.of(ARM64)));
        StepFailed otherRegistry = pipeline.awaitStepFailed(elsewhere);
        assertThat(otherRegistry.errorCode()).isEqualTo("IMAGE_NOT_IN_ECR");
        assertThat(otherRegistry.message()).contains("registry.example.com");

        UUID amd64 = UUID.randomUUID();
        pipeline.publish(imageBuilt(amd64, "Amd64_Agent", List.of("linux/amd64")));
        StepFailed notArm = pipeline.awaitStepFailed(amd64);
        assertThat(notArm.errorCode()).isEqualTo("IMAGE_NOT_ARM64");
        assertThat(notArm.message()).contains("linux/arm64 images only", "linux/amd64",
                "agentfoundry.builder.platforms");
        assertThat(notArm.retryable()).isFalse();

        for (String agent : List.of("Archived_Agent", "Elsewhere_Agent", "Amd64_Agent")) {
            assertThat(fake().mentioning(agent)).as("requests for " + agent).isEmpty();
        }
        for (UUID jobId : List.of(archived, elsewhere, amd64)) {
            assertThat(fake().mentioning(jobId.toString())).as("requests for job " + jobId).isEmpty();
            given().get("/api/deployments/{jobId}", jobId).then().statusCode(404);
        }
        given().get("/api/steps/{jobId}", amd64).then().statusCode(200)
                .body("errorCode", equalTo("IMAGE_NOT_ARM64"))
                .body("result", nullValue());
    }
}
