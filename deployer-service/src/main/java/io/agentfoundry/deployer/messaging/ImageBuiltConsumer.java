package io.agentfoundry.deployer.messaging;

import io.agentfoundry.deployer.service.DeploymentService;
import io.agentfoundry.events.ImageBuilt;
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
public class ImageBuiltConsumer {

    private final InboundRecords inbound;

    ImageBuiltConsumer(StepRunner steps, DeploymentService deployments, InboundRecords inbound) {
        this.inbound = inbound;
        inbound.register(Topics.IMAGE_BUILT,
                steps.define(PipelineStep.DEPLOY, ImageBuilt.class, deployments::deploy)::receive);
    }

    @Incoming(Topics.IMAGE_BUILT)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }
}
