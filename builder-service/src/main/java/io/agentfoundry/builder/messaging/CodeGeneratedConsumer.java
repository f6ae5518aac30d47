package io.agentfoundry.builder.messaging;

import io.agentfoundry.builder.service.ImageBuildService;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.InboundRecords;
import io.agentfoundry.platform.messaging.StepRunner;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@Startup
@ApplicationScoped
public class CodeGeneratedConsumer {

    private final InboundRecords inbound;

    CodeGeneratedConsumer(StepRunner steps, ImageBuildService builds, InboundRecords inbound) {
        this.inbound = inbound;
        inbound.register(Topics.CODE_GENERATED,
                steps.define(PipelineStep.BUILD, CodeGenerated.class, builds::build)::receive);
    }

    @Incoming(Topics.CODE_GENERATED)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }
}
