package io.agentfoundry.generator.rest;

import io.agentfoundry.generator.mapping.GenerationProblem;
import io.agentfoundry.platform.messaging.StepFailureException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class GenerationProblemMapper {

    /** The same checks that fail a job's generate step answer a preview with 400. */
    @ServerExceptionMapper
    public Response invalidRequest(StepFailureException failure) {
        return Response.status(400)
                .type("application/problem+json")
                .entity(GenerationProblem.of(failure.errorCode(), failure.getMessage()))
                .build();
    }
}
