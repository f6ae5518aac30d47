package io.agentfoundry.registry.messaging;

import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.RuntimeLost;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.InboundRecords;
import io.agentfoundry.registry.service.JobProgressService;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;


/** Follows every job through the pipeline's events to keep the job view current. */
@Startup
@ApplicationScoped
public class PipelineProgressConsumer {

    private final InboundRecords inbound;

    PipelineProgressConsumer(InboundRecords inbound, JobProgressService progress) {
        this.inbound = inbound;
        inbound.register(CodeGenerated.class, progress::codeGenerated);
        inbound.register(ImageBuilt.class, progress::imageBuilt);
        inbound.register(RuntimeCreated.class, progress::runtimeCreated);
        inbound.register(TestCompleted.class, progress::testCompleted);
        inbound.register(StepFailed.class, progress::stepFailed);
        inbound.register(RuntimeLost.class, progress::runtimeLost);
    }

    @Incoming(Topics.CODE_GENERATED)
    @Blocking
    public void codeGenerated(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }

    @Incoming(Topics.IMAGE_BUILT)
    @Blocking
    public void imageBuilt(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }

    @Incoming(Topics.RUNTIME_CREATED)
    @Blocking
    public void runtimeCreated(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }

    @Incoming(Topics.TEST_COMPLETED)
    @Blocking
    public void testCompleted(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }

    @Incoming(Topics.STEP_FAILED)
    @Blocking
    public void stepFailed(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }

    @Incoming(Topics.RUNTIME_LOST)
    @Blocking
    public void runtimeLost(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }
}
