package io.agentfoundry.platform.rest;

import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.platform.mapping.DeadLetterView;
import io.agentfoundry.platform.messaging.DeadLetters;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** This service's dead letters: what it could not process, and a replay of each through the same handler. */
@Path("/api/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private static final int MAX_PAGE_SIZE = 200;

    private final DeadLetters deadLetters;
    private final PlatformConfig config;

    DeadLetterResource(DeadLetters deadLetters, PlatformConfig config) {
        this.deadLetters = deadLetters;
        this.config = config;
    }

    @GET
    @Operation(summary = "Dead letters of this service, newest first")
    public Response list(@Parameter(description = "open (not replayed), replayed, or all") @QueryParam("status") @DefaultValue("all") String status,
                         @QueryParam("jobId") UUID jobId,
                         @QueryParam("page") @DefaultValue("0") int page,
                         @QueryParam("size") @DefaultValue("50") int size) {
        Boolean replayed = switch (status) {
            case "open" -> Boolean.FALSE;
            case "replayed" -> Boolean.TRUE;
            case "all" -> null;
            default -> throw ProblemException.badRequest("INVALID_QUERY",
                    "status must be open, replayed or all, not '" + status + "'");
        };
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.badRequest("INVALID_QUERY",
                    "page must be ≥ 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        List<DeadLetterView> letters = deadLetters.list(new DeadLetters.Filter(replayed, jobId), page, size).stream()
                .map(letter -> DeadLetterView.summary(letter, config.serviceName())).toList();
        return Response.ok(letters).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One dead letter, with the record's value")
    public Response get(@PathParam("id") long id) {
        return deadLetters.find(id).map(letter -> Response.ok(DeadLetterView.full(letter, config.serviceName())).build())
                .orElseGet(() -> notFound(id));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Handles the record again, as it was read",
            description = "Idempotent: a dead letter replayed before is not replayed again (outcome ALREADY_REPLAYED). "
                    + "A replay that fails again answers 422 with the new reason; the dead letter stays open.")
    public Response replay(@PathParam("id") long id,
                           @Parameter(description = "Who replays, for the record") @HeaderParam("X-Replayed-By") String replayedBy) {
        return deadLetters.replay(id, replayedBy == null || replayedBy.isBlank() ? "api" : replayedBy.strip())
                .map(replay -> {
                    DeadLetterView view = DeadLetterView.summary(replay.letter(), config.serviceName());
                    if (replay.outcome() == DeadLetters.Outcome.FAILED) {
                        return Problem.of(422, "REPLAY_FAILED", "Dead letter " + id + " failed again: "
                                + replay.error()).toResponse();
                    }
                    return Response.ok(Map.of("outcome", replay.outcome(), "deadLetter", view)).build();
                })
                .orElseGet(() -> notFound(id));
    }

    private Response notFound(long id) {
        return Problem.of(404, "DEAD_LETTER_NOT_FOUND", config.serviceName() + " has no dead letter " + id).toResponse();
    }
}
