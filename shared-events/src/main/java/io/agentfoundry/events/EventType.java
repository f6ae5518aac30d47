package io.agentfoundry.events;

import java.util.Arrays;

/** Every event of the contract: its record, topic, CloudEvent type and JSON Schema. */
public enum EventType {
    AGENT_REQUESTED(AgentRequested.class, Topics.AGENT_REQUESTED, "agent-requested"),
    CODE_GENERATED(CodeGenerated.class, Topics.CODE_GENERATED, "code-generated"),
    IMAGE_BUILT(ImageBuilt.class, Topics.IMAGE_BUILT, "image-built"),
    RUNTIME_CREATED(RuntimeCreated.class, Topics.RUNTIME_CREATED, "runtime-created"),
    TEST_COMPLETED(TestCompleted.class, Topics.TEST_COMPLETED, "test-completed"),
    STEP_FAILED(StepFailed.class, Topics.STEP_FAILED, "step-failed"),
    JOB_LOG(JobLogRecord.class, Topics.JOB_LOGS, "job-log"),
    JOB_CANCELLED(JobCancelled.class, Topics.JOB_CANCELLED, "job-cancelled"),
    JOB_RETRIED(JobRetried.class, Topics.JOB_RETRIED, "job-retried"),
    RUNTIME_LOST(RuntimeLost.class, Topics.RUNTIME_LOST, "runtime-lost");

    /** Schema version this build writes and the newest it reads. */
    public static final int CURRENT_SCHEMA_VERSION = 1;

    private static final String CLOUD_EVENT_TYPE_PREFIX = "io.agentfoundry.";

    private final Class<? extends PipelineEvent> recordType;
    private final String topic;
    private final String schemaName;

    EventType(Class<? extends PipelineEvent> recordType, String topic, String schemaName) {
        this.recordType = recordType;
        this.topic = topic;
        this.schemaName = schemaName;
    }

    public Class<? extends PipelineEvent> recordType() {
        return recordType;
    }

    public String topic() {
        return topic;
    }

    /** CloudEvents {@code ce_type}, versioned: {@code io.agentfoundry.AgentRequested.v1}. */
    public String cloudEventType() {
        return CLOUD_EVENT_TYPE_PREFIX + recordType.getSimpleName() + ".v" + CURRENT_SCHEMA_VERSION;
    }

    /** Class-path location of the event's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + schemaName + ".v" + CURRENT_SCHEMA_VERSION + ".schema.json";
    }

    public String schemaName() {
        return schemaName;
    }

    public static EventType of(PipelineEvent event) {
        return of(event.getClass());
    }

    public static EventType of(Class<?> recordType) {
        return Arrays.stream(values())
                .filter(type -> type.recordType == recordType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not an event of the contract: " + recordType.getName()));
    }
}
