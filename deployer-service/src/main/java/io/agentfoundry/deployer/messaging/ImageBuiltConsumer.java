package io.agentfoundry.deployer.messaging;

import io.agentfoundry.deployer.service.DeploymentService;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.StepRunner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class ImageBuiltConsumer {

    private final StepRunner steps;
    private final DeploymentService deployments;

    ImageBuiltConsumer(StepRunner steps, DeploymentService deployments) {
        this.steps = steps;
        this.deployments = deployments;
    }

    @Incoming(Topics.IMAGE_BUILT)
    @Blocking
    public void consume(String record) {
        steps.run(PipelineStep.DEPLOY, EventCodec.decode(record, ImageBuilt.class), deployments::deploy);
    }
}
