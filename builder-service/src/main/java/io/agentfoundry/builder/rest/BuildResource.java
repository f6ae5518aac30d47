package io.agentfoundry.builder.rest;

import io.agentfoundry.platform.rest.ProblemException;
import io.agentfoundry.builder.mapping.BuildView;
import io.agentfoundry.builder.service.ImageBuildService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

@Path("/api/builds/{jobId}")
public class BuildResource {

    private final ImageBuildService builds;

    BuildResource(ImageBuildService builds) {
        this.builds = builds;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The image built for the job: reference, repository, tag, digest, platforms, base and its"
            + " digest, size, layers, duration")
    public BuildView build(@PathParam("jobId") UUID jobId) {
        return builds.find(jobId).map(BuildView::of)
                .orElseThrow(() -> ProblemException.notFound("BUILD_NOT_FOUND",
                        "No image was built for job " + jobId));
    }
}
