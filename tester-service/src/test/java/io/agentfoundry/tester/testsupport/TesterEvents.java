package io.agentfoundry.tester.testsupport;

import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.events.Topics;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.PipelineInfrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Publishes RuntimeCreated as the deployer would, and reads what the tester answered. */
public final class TesterEvents implements AutoCloseable {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTestClient kafka =
            new KafkaTestClient(PipelineInfrastructure.shared().kafka().bootstrapServers());

    public static AgentSpec spec(List<AgentSpec.TestCase> cases) {
        return new AgentSpec("weather_agent", null, "You answer questions about the weather.",
                "us.amazon.nova-pro-v1:0", List.of(), cases);
    }

    public static RuntimeCreated local(UUID jobId, List<AgentSpec.TestCase> cases, String invocationUrl) {
        return new RuntimeCreated(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1, Instant.now(),
                spec(cases), DeployTarget.LOCAL.name(), "container-" + jobId, invocationUrl,
                "agentfoundry/weather_agent:" + jobId, "sha256:" + "cd".repeat(32), null, null, null, null);
    }

    public static RuntimeCreated agentCore(UUID jobId, List<AgentSpec.TestCase> cases, String runtimeId,
                                           String runtimeArn, String qualifier, String region) {
        return new RuntimeCreated(UUID.randomUUID(), jobId, UUID.randomUUID(), Instant.now(), 1, Instant.now(),
                spec(cases), DeployTarget.AGENTCORE.name(), runtimeId,
                "https://bedrock-agentcore." + region + ".amazonaws.com/runtimes/" + runtimeArn + "/invocations",
                "123456789012.dkr.ecr." + region + ".amazonaws.com/weather_agent:" + jobId, "sha256:" + "cd".repeat(32),
                runtimeArn, "1", qualifier, region);
    }

    public void publish(RuntimeCreated runtime) {
        kafka.publish(runtime);
    }

    /** Publishes the event and waits for the run's TestCompleted. */
    public TestCompleted test(RuntimeCreated runtime) {
        publish(runtime);
        return testCompleted(runtime.jobId(), 1).get(0);
    }

    /** Waits until the job has {@code count} TestCompleted events; returns them in order. */
    public List<TestCompleted> testCompleted(UUID jobId, int count) {
        return kafka.awaitRecords(Topics.TEST_COMPLETED, jobId, count, ANSWER_TIMEOUT).stream()
                .map(record -> EventCodec.decode(record.value(), TestCompleted.class))
                .toList();
    }

    public StepFailed stepFailed(UUID jobId) {
        return kafka.awaitEventUnless(StepFailed.class, TestCompleted.class, jobId, ANSWER_TIMEOUT);
    }

    /** Waits until the job's log (the job-logs topic) has a line containing the text; returns all its lines. */
    public List<String> jobLogWith(UUID jobId, String text) {
        return await().atMost(ANSWER_TIMEOUT).until(() -> kafka.logLines(jobId),
                lines -> lines.stream().anyMatch(line -> line.contains(text)));
    }

    @Override
    public void close() {
        kafka.close();
    }
}
