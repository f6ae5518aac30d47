package io.agentfoundry.generator.messaging;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.Topics;
import io.agentfoundry.generator.service.GenerationService;
import io.agentfoundry.platform.messaging.StepRunner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class AgentRequestedConsumer {

    private final StepRunner steps;
    private final GenerationService generation;

    AgentRequestedConsumer(StepRunner steps, GenerationService generation) {
        this.steps = steps;
        this.generation = generation;
    }

    @Incoming(Topics.AGENT_REQUESTED)
    @Blocking
    public void consume(String record) {
        AgentRequested request = EventCodec.decode(record, AgentRequested.class);
        if (!request.isAccepted()) {
            // a submission from another platform service: the registry validates it and publishes it accepted
            return;
        }
        steps.run(PipelineStep.GENERATE, request, generation::generate);
    }
}
