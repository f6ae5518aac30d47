package io.agentfoundry.deployer.messaging;

import io.agentfoundry.deployer.service.RuntimeReconciler;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.TestCompleted;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.InboundRecords;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * How the jobs whose runtimes the deployer made ended after the deploy: a failed test (or a deploy or test step that
 * ended without its outcome) means the runtime is not wanted, and the reaper removes it after a grace period.
 */
@Startup
@ApplicationScoped
public class JobOutcomeConsumer {

    private final InboundRecords inbound;

    JobOutcomeConsumer(InboundRecords inbound, RuntimeReconciler runtimes) {
        this.inbound = inbound;
        inbound.register(TestCompleted.class, tested -> {
            if (tested.passed()) {
                runtimes.wanted(tested.jobId());
            } else {
                runtimes.unwanted(tested.jobId(), tested.occurredAt(), "its test failed: " + tested.summary());
            }
        });
        inbound.register(StepFailed.class, failed -> {
            if (failed.step() == PipelineStep.DEPLOY || failed.step() == PipelineStep.TEST) {
                runtimes.unwanted(failed.jobId(), failed.occurredAt(),
                        failed.step().name().toLowerCase() + " failed [" + failed.errorCode() + "]");
            }
        });
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
}
