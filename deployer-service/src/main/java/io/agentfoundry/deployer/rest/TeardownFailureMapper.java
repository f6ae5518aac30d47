package io.agentfoundry.deployer.rest;

import io.agentfoundry.deployer.service.TeardownFailedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * A tear-down its target could not do answers as a gateway would: 503 when the engine or AgentCore was not reached (or
 * is not configured), 502 when it answered with an error; the body says which and why, as RFC 9457 problem+json.
 */
public class TeardownFailureMapper {

    @ServerExceptionMapper
    public Response teardownFailed(TeardownFailedException failure) {
        Response.Status status = failure.unavailable() ? Response.Status.SERVICE_UNAVAILABLE : Response.Status.BAD_GATEWAY;
        return Response.status(status)
                .type("application/problem+json")
                .entity(Map.of("status", status.getStatusCode(), "title", status.getReasonPhrase(),
                        "detail", failure.getMessage()))
                .build();
    }
}
