package io.agentfoundry.tester.messaging;

import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.InboundRecords;
import io.agentfoundry.platform.messaging.StepRunner;
import io.agentfoundry.tester.service.TestRunService;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@Startup
@ApplicationScoped
public class RuntimeCreatedConsumer {

    private final InboundRecords inbound;

    RuntimeCreatedConsumer(StepRunner steps, TestRunService tests, InboundRecords inbound) {
        this.inbound = inbound;
        inbound.register(Topics.RUNTIME_CREATED,
                steps.define(PipelineStep.TEST, RuntimeCreated.class, tests::test)::receive);
    }

    @Incoming(Topics.RUNTIME_CREATED)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }
}
