package io.agentfoundry.builder.messaging;

import io.agentfoundry.builder.service.ImageBuildService;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.StepRunner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

@ApplicationScoped
public class CodeGeneratedConsumer {

    private final StepRunner steps;
    private final ImageBuildService builds;

    CodeGeneratedConsumer(StepRunner steps, ImageBuildService builds) {
        this.steps = steps;
        this.builds = builds;
    }

    @Incoming(Topics.CODE_GENERATED)
    @Blocking
    public void consume(String record) {
        steps.run(PipelineStep.BUILD, EventCodec.decode(record, CodeGenerated.class), builds::build);
    }
}
