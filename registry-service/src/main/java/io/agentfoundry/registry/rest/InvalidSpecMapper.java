package io.agentfoundry.registry.rest;

import io.agentfoundry.registry.mapping.ValidationProblem;
import io.agentfoundry.registry.service.InvalidSpecException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class InvalidSpecMapper {

    @ServerExceptionMapper
    public Response invalidSpec(InvalidSpecException invalid) {
        return Response.status(400)
                .type("application/problem+json")
                .entity(ValidationProblem.of(invalid.violations()))
                .build();
    }
}
