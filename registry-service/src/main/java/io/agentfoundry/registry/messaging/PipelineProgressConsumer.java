package io.agentfoundry.registry.messaging;

import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.IdempotentConsumer;
import io.agentfoundry.registry.service.JobProgressService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.function.Consumer;

/** Follows every job through the pipeline's events to keep the job view current. */
@ApplicationScoped
public class PipelineProgressConsumer {

    private final IdempotentConsumer consumer;
    private final JobProgressService progress;

    PipelineProgressConsumer(IdempotentConsumer consumer, JobProgressService progress) {
        this.consumer = consumer;
        this.progress = progress;
    }

    @Incoming(Topics.CODE_GENERATED)
    @Blocking
    public void codeGenerated(String record) {
        apply(EventCodec.decode(record, CodeGenerated.class), progress::codeGenerated);
    }

    @Incoming(Topics.IMAGE_BUILT)
    @Blocking
    public void imageBuilt(String record) {
        apply(EventCodec.decode(record, ImageBuilt.class), progress::imageBuilt);
    }

    @Incoming(Topics.RUNTIME_CREATED)
    @Blocking
    public void runtimeCreated(String record) {
        apply(EventCodec.decode(record, RuntimeCreated.class), progress::runtimeCreated);
    }

    @Incoming(Topics.TEST_COMPLETED)
    @Blocking
    public void testCompleted(String record) {
        apply(EventCodec.decode(record, TestCompleted.class), progress::testCompleted);
    }

    @Incoming(Topics.STEP_FAILED)
    @Blocking
    public void stepFailed(String record) {
        apply(EventCodec.decode(record, StepFailed.class), progress::stepFailed);
    }

    private <E extends PipelineEvent> void apply(E event, Consumer<E> update) {
        consumer.process(event, (received, attempt) -> update.accept(received), exhausted -> {
            // nothing to record beyond the dead letter: the registry is not a step that can fail a job
        });
    }
}
