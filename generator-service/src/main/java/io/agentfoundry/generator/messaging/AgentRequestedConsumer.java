package io.agentfoundry.generator.messaging;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.Topics;
import io.agentfoundry.generator.service.GenerationService;
import io.agentfoundry.platform.messaging.InboundRecords;
import io.agentfoundry.platform.messaging.StepRunner;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@Startup
@ApplicationScoped
public class AgentRequestedConsumer {

    private final InboundRecords inbound;

    AgentRequestedConsumer(StepRunner steps, GenerationService generation, InboundRecords inbound) {
        this.inbound = inbound;
        StepRunner.Step<AgentRequested> generate = steps.define(PipelineStep.GENERATE, AgentRequested.class,
                generation::generate);
        inbound.register(Topics.AGENT_REQUESTED, record -> {
            AgentRequested request = EventCodec.decode(record.value(), AgentRequested.class);
            // a submission from another platform service: the registry validates it and publishes it accepted
            if (request.isAccepted()) {
                generate.start(request);
            }
        });
    }

    @Incoming(Topics.AGENT_REQUESTED)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }
}
