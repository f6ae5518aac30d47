package io.agentfoundry.registry;

import io.agentfoundry.testinfra.SseReader;
import io.agentfoundry.testinfra.SseReader.SseEvent;
import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.JobCancelled;
import io.agentfoundry.events.JobRetried;
import io.agentfoundry.events.JobLogRecord;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
class AgentJobResourceTest {

    private static final String SONNET_US = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static KafkaTestClient kafka;

    @TestHTTPResource("/api/agents")
    URI agents;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    private static Map<String, Object> spec(String name, String modelId) {
        return Map.of("name", name, "systemPrompt", "You help customers.", "modelId", modelId,
                "tools", List.of("http_request"));
    }

    private static final Map<String, Object> VALID = spec("support_bot", SONNET_US);

    private static UUID submit(Map<String, Object> spec) {
        String location = given().contentType(ContentType.JSON).body(spec).post("/api/agents")
                .then().statusCode(202).extract().header("Location");
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private static void awaitStatus(UUID jobId, String status) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/agents/" + jobId).then().statusCode(200)
                .body("status", equalTo(status)));
    }

    private static RecordMetadata publish(PipelineEvent event) {
        return kafka.publish(event);
    }

    private static CodeGenerated codeGenerated(UUID jobId, Instant at) {
        return new CodeGenerated(UUID.randomUUID(), jobId, UUID.randomUUID(), at, 1, at.minusMillis(500), null,
                "http://generator/api/generations/" + jobId + "/bundle", "sha256:" + "ab".repeat(32), 5, "0.1.0");
    }

    @Test
    void aSpecThatBreaksFiveRulesGetsFiveViolationsWithTheirPaths() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "bad-name",
                        "systemPrompt", " ",
                        "modelId", "model id with spaces",
                        "tools", List.of("http_request", "http_request"),
                        "testCases", List.of(Map.of("name", "empty prompt", "prompt", ""))))
                .post("/api/agents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations", hasSize(5))
                .body("violations.path", containsInAnyOrder("$.name", "$.systemPrompt", "$.modelId", "$.tools[1]",
                        "$.testCases[0].prompt"));
    }

    @Test
    void aBodyThatIsNotJsonIsAProblemToo() {
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/api/agents")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().get("/api/agents/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anAcceptedJobCarriesTheCatalogsResolutionOfModelAndTools() {
        String location = given().contentType(ContentType.JSON).body(VALID)
                .post("/api/agents")
                .then().statusCode(202).body("status", equalTo("ACCEPTED"))
                .body("model.catalogId", equalTo("bedrock/claude-sonnet-4-5"))
                .body("warnings.code", hasItem("TOOL_CONSENT"))
                .extract().header("Location");
        UUID jobId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.AGENT_REQUESTED, jobId, 1, WAIT).get(0);
        AgentRequested event = EventCodec.decode(record.value(), AgentRequested.class);
        assertThat(event.isAccepted()).isTrue();
        assertThat(event.spec().name()).isEqualTo("support_bot");
        assertThat(event.model().catalogId()).isEqualTo("bedrock/claude-sonnet-4-5");
        assertThat(event.model().providerModelId()).isEqualTo(SONNET_US);
        assertThat(event.model().maxOutputTokens()).isEqualTo(64_000);
        assertThat(event.model().pipRequirements()).containsExactly("strands-agents", "boto3");
        assertThat(event.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.module()).isEqualTo("http_request");
            assertThat(tool.requiresConsent()).isTrue();
        });
        assertThat(event.catalogVersion()).isNotBlank();
        assertThat(KafkaTestClient.header(record, "ce_id")).isEqualTo(event.eventId().toString());
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo("io.agentfoundry.AgentRequested.v1");
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("registry-service");
        assertThat(KafkaTestClient.header(record, "ce_subject")).isEqualTo(jobId.toString());

        given().get(location).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("catalogModelId", equalTo("bedrock/claude-sonnet-4-5"))
                .body("steps.step", contains("REQUEST", "GENERATE", "BUILD", "DEPLOY", "TEST"))
                .body("steps.status", contains("SUCCEEDED", "RUNNING", "PENDING", "PENDING", "PENDING"));
    }

    @Test
    void validateAnswersWithoutAJobAndEstimatesTheCostOfAThousandInvocations() {
        given().contentType(ContentType.JSON).body(VALID)
                .post("/api/agents/validate?expectedInputTokens=2000&expectedOutputTokens=500")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("model.providerModelId", equalTo(SONNET_US))
                .body("costEstimate.invocations", equalTo(1000))
                .body("costEstimate.inputUsd", equalTo(6.6f))
                .body("costEstimate.outputUsd", equalTo(8.25f))
                .body("costEstimate.totalUsd", equalTo(14.85f))
                .body("costEstimate.basis", containsString("10%"));
        given().contentType(ContentType.JSON).body(spec("local_bot", "qwen3:8b")).post("/api/agents/validate")
                .then().statusCode(200)
                .body("valid", equalTo(true))
                .body("model.provider", equalTo("OLLAMA"))
                .body("model.providerModelId", equalTo("qwen3:8b"))
                .body("model.numCtx", equalTo(32768))
                .body("model.pipRequirements", contains("strands-agents[ollama]"))
                .body("warnings.code", hasItem("OLLAMA_HOST"))
                .body("costEstimate.totalUsd", equalTo(0));
        given().contentType(ContentType.JSON).body(spec("old_bot", "anthropic.claude-3-7-sonnet-20250219-v1:0"))
                .post("/api/agents/validate").then().statusCode(200)
                .body("valid", equalTo(false)).body("violations.path", contains("$.modelId"));
        given().contentType(ContentType.JSON).body(spec("legacy_bot", "anthropic.claude-3-5-haiku-20241022-v1:0"))
                .post("/api/agents").then().statusCode(202).body("warnings.code", hasItem("LEGACY_MODEL"));
    }

    @Test
    void theSameIdempotencyKeyAndBodyGiveTheSameJob() {
        String key = "order-" + UUID.randomUUID();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(VALID)
                .post("/api/agents").then().statusCode(202).extract().header("Location");
        String second = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(VALID)
                .post("/api/agents").then().statusCode(200).extract().header("Location");
        assertThat(second).isEqualTo(first);
        UUID jobId = UUID.fromString(first.substring(first.lastIndexOf('/') + 1));
        assertThat(kafka.awaitRecords(Topics.AGENT_REQUESTED, jobId, 1, WAIT)).hasSize(1);
        // the key belongs to its client: another client may use it for its own job
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).header("X-Client-Id", "other-client")
                .body(VALID).post("/api/agents").then().statusCode(202).header("Location", not(equalTo(first)));
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsAConflict() {
        String key = "order-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(VALID)
                .post("/api/agents").then().statusCode(202);
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(spec("other_bot", SONNET_US))
                .post("/api/agents").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString(key));
    }

    @Test
    void jobsAreListedNewestFirstWithFiltersAndPages() {
        Instant before = Instant.now();
        UUID claude = submit(VALID);
        UUID local = submit(spec("local_bot", "ollama/qwen3:8b"));
        given().get("/api/agents?model=qwen3:8b&size=100").then().statusCode(200)
                .body("items.jobId", hasItem(local.toString())).body("items.jobId", not(hasItem(claude.toString())))
                .body("items.catalogModelId", everyItem(equalTo("ollama/qwen3:8b")));
        given().get("/api/agents?from=" + before + "&size=1").then().statusCode(200)
                .body("items.jobId", contains(local.toString())).body("totalItems", equalTo(2))
                .body("totalPages", equalTo(2));
        given().get("/api/agents?from=" + before + "&size=1&page=1").then().statusCode(200)
                .body("items.jobId", contains(claude.toString()));
        given().get("/api/agents?to=" + before + "&size=100").then().statusCode(200)
                .body("items.jobId", not(hasItem(local.toString())));
        given().get("/api/agents?status=ACCEPTED&from=" + before).then().statusCode(200).body("totalItems", equalTo(2));
        given().get("/api/agents?status=SUCCEEDED&from=" + before).then().statusCode(200).body("totalItems", equalTo(0));
        given().get("/api/agents?status=LOST").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/agents?from=yesterday").then().statusCode(400);
    }

    @Test
    void theJobViewIsRightWhenEventsArriveTwiceAndOutOfOrder() {
        UUID jobId = submit(VALID);
        UUID cause = UUID.randomUUID();
        Instant now = Instant.now();
        String digest = "sha256:" + "ab".repeat(32);

        TestCompleted tested = new TestCompleted(UUID.randomUUID(), jobId, cause, now.plusSeconds(4), 1,
                now.plusSeconds(3), true, 2, 0, "2 checks passed", 120L, 150L);
        publish(tested);
        publish(new RuntimeCreated(UUID.randomUUID(), jobId, cause, now.plusSeconds(3), 1, now.plusSeconds(2), null,
                "LOCAL", "container-" + jobId, "http://127.0.0.1:18080", "agentfoundry/support_bot:" + jobId, digest, null, null, null, null));
        publish(new CodeGenerated(UUID.randomUUID(), jobId, cause, now.plusSeconds(1), 1, now, null,
                "http://generator/api/generations/" + jobId + "/bundle", digest, 5, "0.1.0"));
        publish(tested);
        publish(new ImageBuilt(UUID.randomUUID(), jobId, cause, now.plusSeconds(2), 1, now.plusSeconds(1), null,
                "agentfoundry/support_bot:" + jobId, digest, List.of("linux/arm64"), digest));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/agents/" + jobId).then().statusCode(200)
                .body("status", equalTo("SUCCEEDED"))
                .body("steps.status", everyItem(equalTo("SUCCEEDED")))
                .body("steps[4].result.summary", equalTo("2 checks passed"))
                .body("steps[2].result.digest", equalTo(digest))
                .body("steps[1].durationMs", equalTo(1000)));
        given().post("/api/agents/" + jobId + "/retry").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("has succeeded"));
    }

    @Test
    void aFailedJobIsRetriedByAskingTheFailedStepsOwnServiceToRunItAgain() {
        UUID jobId = submit(VALID);
        CodeGenerated generated = codeGenerated(jobId, Instant.now());
        publish(generated);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/agents/" + jobId).then()
                .body("steps[1].status", equalTo("SUCCEEDED")));
        publish(new StepFailed(UUID.randomUUID(), jobId, generated.eventId(), Instant.now(), 1, PipelineStep.BUILD,
                "REGISTRY_UNREACHABLE", "the image registry did not answer", true, 1));
        awaitStatus(jobId, "FAILED");
        given().get("/api/agents/" + jobId).then().body("failure", containsString("REGISTRY_UNREACHABLE"));

        given().header("X-Client-Id", "ops").post("/api/agents/" + jobId + "/retry").then().statusCode(202)
                .body("status", equalTo("RUNNING"))
                .body("steps[2].status", equalTo("RUNNING"))
                .body("steps[2].attempts", equalTo(2))
                .body("steps[2].errorCode", equalTo(null));

        ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.JOB_RETRIED, jobId, 1, WAIT).get(0);
        JobRetried retried = EventCodec.decode(record.value(), JobRetried.class);
        assertThat(retried.step()).isEqualTo(PipelineStep.BUILD);
        assertThat(retried.retriedBy()).isEqualTo("ops");
        assertThat(retried.reason()).contains("REGISTRY_UNREACHABLE");
        assertThat(KafkaTestClient.header(record, "ce_source")).isEqualTo("registry-service");
        // the registry re-sends no other service's event: the builder runs the step from the input it stored
        assertThat(kafka.recordsOf(Topics.CODE_GENERATED, jobId)).hasSize(1);

        // a job still running may be retried too (its step is stuck, say): the step's attempts count on
        given().post("/api/agents/" + jobId + "/retry").then().statusCode(202).body("steps[2].attempts", equalTo(3));
        kafka.awaitRecords(Topics.JOB_RETRIED, jobId, 2, WAIT);
        publish(new ImageBuilt(UUID.randomUUID(), jobId, generated.eventId(), Instant.now(), 1, Instant.now(), null,
                "agentfoundry/support_bot:" + jobId, "sha256:" + "cd".repeat(32), List.of("linux/arm64"),
                generated.contentHash()));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/agents/" + jobId).then()
                .body("status", equalTo("RUNNING")).body("steps[2].status", equalTo("SUCCEEDED"))
                .body("steps[3].status", equalTo("RUNNING")));
    }

    @Test
    void aTestRunThatDidNotPassIsRetriedFromTheTestStep() {
        UUID jobId = submit(VALID);
        Instant now = Instant.now();
        RuntimeCreated runtime = new RuntimeCreated(UUID.randomUUID(), jobId, UUID.randomUUID(), now, 1, now, null,
                "LOCAL", "container-" + jobId, "http://127.0.0.1:18080", "agentfoundry/support_bot:" + jobId, "sha256:" + "ef".repeat(32), null, null, null, null);
        publish(runtime);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/agents/" + jobId).then()
                .body("steps[3].status", equalTo("SUCCEEDED")));
        publish(new TestCompleted(UUID.randomUUID(), jobId, runtime.eventId(), now.plusSeconds(1), 1, now, false, 1, 1,
                "1 of 2 checks failed", 120L, 150L));
        awaitStatus(jobId, "FAILED");
        given().post("/api/agents/" + jobId + "/retry").then().statusCode(202).body("steps[4].status", equalTo("RUNNING"));
        JobRetried retried = kafka.awaitEvent(JobRetried.class, jobId, WAIT);
        assertThat(retried.step()).isEqualTo(PipelineStep.TEST);
        assertThat(kafka.recordsOf(Topics.RUNTIME_CREATED, jobId)).hasSize(1);

        publish(new TestCompleted(UUID.randomUUID(), jobId, runtime.eventId(), Instant.now(), 1, now, true, 2, 0,
                "2 checks passed", 110L, 140L));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/agents/" + jobId).then()
                .body("steps[4].status", equalTo("SUCCEEDED")).body("steps[4].attempts", equalTo(2)));
    }

    @Test
    void aCancelledJobStaysCancelledWhateverArrivesLaterUntilItIsRetried() throws InterruptedException {
        UUID jobId = submit(VALID);
        given().header("X-Client-Id", "ops").delete("/api/agents/" + jobId).then().statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("steps.status", contains("SUCCEEDED", "CANCELLED", "SKIPPED", "SKIPPED", "SKIPPED"));

        JobCancelled cancelled = kafka.awaitEvent(JobCancelled.class, jobId, WAIT);
        assertThat(cancelled.cancelledBy()).isEqualTo("ops");

        RecordMetadata late = publish(codeGenerated(jobId, Instant.now()));
        kafka.awaitConsumed("registry-service", Topics.CODE_GENERATED, late.partition(), late.offset(), WAIT);
        given().get("/api/agents/" + jobId).then().body("status", equalTo("CANCELLED"))
                .body("steps[1].status", equalTo("CANCELLED"));
        given().delete("/api/agents/" + jobId).then().statusCode(409).contentType("application/problem+json");

        // a retry resumes it from the step it was cancelled in; every service lifts the cancellation
        given().post("/api/agents/" + jobId + "/retry").then().statusCode(202)
                .body("status", equalTo("RUNNING"))
                .body("steps.status", contains("SUCCEEDED", "RUNNING", "PENDING", "PENDING", "PENDING"));
        JobRetried retried = kafka.awaitEvent(JobRetried.class, jobId, WAIT);
        assertThat(retried.step()).isEqualTo(PipelineStep.GENERATE);
        assertThat(retried.reason()).contains("cancellation");
    }

    @Test
    void theEventStreamDeliversAJobsEventsLiveAndResumesAfterLastEventId() throws Exception {
        UUID jobId = submit(VALID);
        CompletableFuture<List<SseEvent>> live = stream(jobId, null);

        Instant now = Instant.now();
        CodeGenerated generated = codeGenerated(jobId, now);
        publish(generated);
        RecordMetadata logLine = publish(new JobLogRecord(UUID.randomUUID(), jobId, null, now, 1, "builder-service",
                PipelineStep.BUILD, 7, JobLogRecord.Level.INFO, "Built the image"));
        // logs travel on their own topic: let the line arrive before the job can end the stream
        kafka.awaitConsumed("registry-service", Topics.JOB_LOGS, logLine.partition(), logLine.offset(), WAIT);
        publish(new ImageBuilt(UUID.randomUUID(), jobId, generated.eventId(), now.plusSeconds(1), 1, now, null,
                "agentfoundry/support_bot:" + jobId, "sha256:" + "cd".repeat(32), List.of("linux/arm64"),
                generated.contentHash()));
        RuntimeCreated runtime = new RuntimeCreated(UUID.randomUUID(), jobId, UUID.randomUUID(), now.plusSeconds(2), 1,
                now, null, "LOCAL", "container-" + jobId, "http://127.0.0.1:18080", "agentfoundry/support_bot:" + jobId, "sha256:" + "cd".repeat(32), null, null, null, null);
        publish(runtime);
        publish(new TestCompleted(UUID.randomUUID(), jobId, runtime.eventId(), now.plusSeconds(3), 1, now, true, 2, 0,
                "2 checks passed", 120L, 150L));

        List<SseEvent> events = live.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events).extracting(SseEvent::name).last().isEqualTo("end");
        List<SseEvent> withIds = events.stream().filter(event -> event.id() != null).toList();
        assertThat(withIds).extracting(SseEvent::id).doesNotHaveDuplicates();
        assertThat(withIds).anySatisfy(event -> {
            assertThat(event.name()).isEqualTo("log");
            assertThat(event.data().path("service").asText()).isEqualTo("builder-service");
            assertThat(event.data().path("message").asText()).isEqualTo("Built the image");
        });
        assertThat(withIds).anySatisfy(event -> {
            assertThat(event.name()).isEqualTo("step");
            assertThat(event.data().path("step").asText()).isEqualTo("GENERATE");
            assertThat(event.data().path("status").asText()).isEqualTo("SUCCEEDED");
        });
        SseEvent last = withIds.get(withIds.size() - 1);
        assertThat(last.name()).isEqualTo("job");
        assertThat(last.data().path("status").asText()).isEqualTo("SUCCEEDED");

        SseEvent middle = withIds.get(withIds.size() / 2);
        List<SseEvent> resumed = stream(jobId, middle.id()).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        List<Long> resumedIds = resumed.stream().map(SseEvent::id).filter(java.util.Objects::nonNull).toList();
        assertThat(resumedIds).isNotEmpty().allSatisfy(id -> assertThat(id).isGreaterThan(middle.id()));
        assertThat(resumedIds).containsExactlyInAnyOrderElementsOf(withIds.stream().map(SseEvent::id)
                .filter(id -> id > middle.id()).toList());
        assertThat(resumed).extracting(SseEvent::name).last().isEqualTo("end");
    }

    @Test
    void aValidSubmissionPublishedStraightToKafkaBecomesAnAcceptedJob() {
        UUID jobId = UUID.randomUUID();
        AgentRequested submission = AgentRequested.submission(UUID.randomUUID(), jobId, Instant.now(), "billing-service",
                new AgentSpec("invoice_bot", null, "You explain invoices.", "ollama/qwen3:8b", List.of("file_read"), List.of()));
        publish(submission);

        awaitStatus(jobId, "ACCEPTED");
        given().get("/api/agents/" + jobId).then().body("requestedBy", equalTo("billing-service"))
                .body("catalogModelId", equalTo("ollama/qwen3:8b"));
        List<AgentRequested> requests = kafka.awaitRecords(Topics.AGENT_REQUESTED, jobId, 2, WAIT).stream()
                .map(record -> EventCodec.decode(record.value(), AgentRequested.class)).toList();
        AgentRequested accepted = requests.stream().filter(AgentRequested::isAccepted).findFirst().orElseThrow();
        assertThat(accepted.eventId()).isNotEqualTo(submission.eventId());
        assertThat(accepted.causationId()).isEqualTo(submission.eventId());
        assertThat(accepted.model().providerModelId()).isEqualTo("qwen3:8b");
        assertThat(accepted.tools()).extracting(tool -> tool.name()).containsExactly("file_read");
    }

    @Test
    void anInvalidSubmissionPublishedStraightToKafkaBecomesAFailedJobWithTheViolations() {
        UUID jobId = UUID.randomUUID();
        publish(AgentRequested.submission(UUID.randomUUID(), jobId, Instant.now(), "billing-service",
                new AgentSpec("invoice-bot", null, "You explain invoices.", "gpt-5", List.of(), List.of())));

        awaitStatus(jobId, "FAILED");
        given().get("/api/agents/" + jobId).then()
                .body("violations.path", containsInAnyOrder("$.name", "$.modelId"))
                .body("steps[0].status", equalTo("FAILED"))
                .body("steps[0].errorCode", equalTo("INVALID_SPEC"))
                .body("steps[1].status", equalTo("SKIPPED"));
        given().get("/api/agents?status=FAILED&size=100").then().body("items.jobId", hasItem(jobId.toString()));
        given().post("/api/agents/" + jobId + "/retry").then().statusCode(409)
                .body("detail", containsString("failed validation"));
        assertThat(kafka.recordsOf(Topics.AGENT_REQUESTED, jobId))
                .as("nothing accepted for it").hasSize(1);
    }

    @Test
    void aSubmissionWhoseJobIdIsTakenIsRecordedAsAFailedJobOfItsOwn() {
        UUID taken = submit(VALID);
        Instant before = Instant.now();
        publish(AgentRequested.submission(UUID.randomUUID(), taken, Instant.now(), "billing-service",
                new AgentSpec("second_bot", null, "You help.", SONNET_US, List.of(), List.of())));
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/agents?status=FAILED&from=" + before).then()
                .body("items.failure", hasItem(containsString("job " + taken + " already exists"))));
        given().get("/api/agents/" + taken).then().body("agentName", equalTo("support_bot"));
    }

    /** Reads the job's event stream to its end, in the background. */
    private CompletableFuture<List<SseEvent>> stream(UUID jobId, Long lastEventId) throws Exception {
        return SseReader.read(URI.create(agents + "/" + jobId + "/events"), lastEventId, WAIT);
    }
}
