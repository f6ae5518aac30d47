package io.agentfoundry.platform.rest;

import io.agentfoundry.platform.service.InfrastructureFaults;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request that needs the database while it cannot be reached gets 503 with Retry-After, as problem+json: the client
 * may try again, and nothing was half done (each request is one transaction).
 */
public class InfrastructureProblemMappers {

    private static final Logger LOG = Logger.getLogger(InfrastructureProblemMappers.class);
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response persistence(PersistenceException failure) {
        return answer(failure);
    }

    @ServerExceptionMapper
    public Response transaction(QuarkusTransactionException failure) {
        return answer(failure);
    }

    private static Response answer(RuntimeException failure) {
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
