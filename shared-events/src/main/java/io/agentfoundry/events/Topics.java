package io.agentfoundry.events;

/**
 * Kafka topic names. Services bind their {@code @Incoming} channels to these names directly, so a topic is named in
 * exactly one place. Every topic is keyed by job id.
 */
public final class Topics {

    public static final String AGENT_REQUESTED = "agentfoundry.agent-requested.v1";
    public static final String CODE_GENERATED = "agentfoundry.code-generated.v1";
    public static final String IMAGE_BUILT = "agentfoundry.image-built.v1";
    public static final String RUNTIME_CREATED = "agentfoundry.runtime-created.v1";
    public static final String TEST_COMPLETED = "agentfoundry.test-completed.v1";
    public static final String STEP_FAILED = "agentfoundry.step-failed.v1";
    public static final String JOB_LOGS = "agentfoundry.job-logs.v1";
    public static final String JOB_CANCELLED = "agentfoundry.job-cancelled.v1";
    public static final String JOB_RETRIED = "agentfoundry.job-retried.v1";
    public static final String RUNTIME_LOST = "agentfoundry.runtime-lost.v1";

    /** Each service dead-letters what it cannot process to its own topic. */
    public static String deadLetter(String service) {
        return "agentfoundry.dlq." + service;
    }

    private Topics() {
    }
}
