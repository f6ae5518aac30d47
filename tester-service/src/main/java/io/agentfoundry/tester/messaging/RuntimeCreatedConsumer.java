package io.agentfoundry.tester.messaging;

import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.StepRunner;
import io.agentfoundry.tester.service.TestRunService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class RuntimeCreatedConsumer {

    private final StepRunner steps;
    private final TestRunService tests;

    RuntimeCreatedConsumer(StepRunner steps, TestRunService tests) {
        this.steps = steps;
        this.tests = tests;
    }

    @Incoming(Topics.RUNTIME_CREATED)
    @Blocking
    public void consume(String record) {
        steps.run(PipelineStep.TEST, EventCodec.decode(record, RuntimeCreated.class), tests::test);
    }
}
