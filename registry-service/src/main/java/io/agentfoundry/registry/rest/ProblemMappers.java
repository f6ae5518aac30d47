package io.agentfoundry.registry.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentfoundry.registry.mapping.Problem;
import io.agentfoundry.registry.service.InvalidQueryException;
import io.agentfoundry.registry.service.InvalidSpecException;
import io.agentfoundry.registry.service.JobConflictException;
import io.agentfoundry.registry.service.JobNotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error of the API as RFC 9457 problem+json. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidSpec(InvalidSpecException invalid) {
        return problem(Problem.invalidSpec(invalid.violations()));
    }

    @ServerExceptionMapper
    public Response jobNotFound(JobNotFoundException missing) {
        return problem(Problem.of(404, missing.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(JobConflictException conflict) {
        return problem(Problem.of(409, conflict.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalidQuery(InvalidQueryException invalid) {
        return problem(Problem.of(400, invalid.getMessage()));
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException unreadable) {
        return problem(Problem.of(400, "The body is not the JSON this endpoint takes: " + unreadable.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException error) {
        return problem(Problem.of(error.getResponse().getStatus(), error.getMessage()));
    }

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
