package io.agentfoundry.registry.rest;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.registry.domain.AgentJob;
import io.agentfoundry.registry.mapping.JobAccepted;
import io.agentfoundry.registry.mapping.JobView;
import io.agentfoundry.registry.service.JobService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.UUID;

@Path("/api/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentJobResource {

    private final JobService jobs;

    AgentJobResource(JobService jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit an agent spec; the pipeline turns it into a tested runtime")
    @APIResponse(responseCode = "202", description = "Accepted; follow the job at Location")
    @APIResponse(responseCode = "400", description = "problem+json listing every violation of the spec")
    public Response submit(AgentSpec spec, @HeaderParam("X-Client-Id") String clientId, @Context UriInfo uri) {
        AgentJob job = jobs.submit(spec, clientId == null || clientId.isBlank() ? "api" : clientId);
        URI location = uri.getBaseUriBuilder().path("api/agents/{jobId}").build(job.id);
        return Response.accepted(new JobAccepted(job.id, job.status, location.toString())).location(location).build();
    }

    @GET
    @Path("/{jobId}")
    @Operation(summary = "A job's overall status and each step's status, timings and result")
    public JobView job(@PathParam("jobId") UUID jobId) {
        AgentJob job = jobs.find(jobId).orElseThrow(() -> new NotFoundException("No job " + jobId));
        return JobView.of(job, jobs.steps(jobId));
    }
}
