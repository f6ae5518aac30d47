package io.agentfoundry.platform.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agentfoundry.platform.domain.Failure;
import io.agentfoundry.platform.service.InfrastructureFaults;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of every service's API as RFC 9457 problem+json ({@link Problem}): a refused request as its
 * {@link ProblemException} says, a {@link Failure} (the same checks a step fails on) as 400 with its code, an
 * unreadable body as 400, JAX-RS's own errors with their status, and a request that needs the database while it
 * cannot be reached as 503 with Retry-After (nothing was half done: each request is one transaction).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response refused(ProblemException problem) {
        return problem.toResponse();
    }

    @ServerExceptionMapper
    public Response failure(Failure failure) {
        return Problem.of(400, failure.errorCode(), failure.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException unreadable) {
        return Problem.of(400, "UNREADABLE_BODY", "The body is not the JSON this endpoint takes: "
                + unreadable.getOriginalMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException error) {
        int status = error.getResponse().getStatus();
        return Problem.of(status, "HTTP_" + status, error.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response persistence(PersistenceException failure) {
        return unavailableOrInternal(failure);
    }

    @ServerExceptionMapper
    public Response transaction(QuarkusTransactionException failure) {
        return unavailableOrInternal(failure);
    }

    private static Response unavailableOrInternal(RuntimeException failure) {
        if (InfrastructureFaults.saysDatabaseUnreachable(failure)) {
            return Response.fromResponse(Problem.of(503, "DATABASE_UNAVAILABLE",
                            "The service's database cannot be reached; try again shortly").toResponse())
                    .header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        LOG.error("Request failed", failure);
        return Problem.of(500, "INTERNAL_ERROR", "The request failed: " + failure.getClass().getSimpleName())
                .toResponse();
    }
}
