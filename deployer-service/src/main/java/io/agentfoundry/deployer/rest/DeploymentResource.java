package io.agentfoundry.deployer.rest;

import io.agentfoundry.platform.rest.ProblemException;
import io.agentfoundry.deployer.mapping.DeploymentView;
import io.agentfoundry.deployer.service.DeploymentService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

@Path("/api/deployments/{jobId}")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {

    private final DeploymentService deployments;

    DeploymentResource(DeploymentService deployments) {
        this.deployments = deployments;
    }

    @GET
    @Operation(summary = "The runtime created for the job: target, id, how to invoke it, status")
    public DeploymentView deployment(@PathParam("jobId") UUID jobId) {
        return deployments.find(jobId).map(DeploymentView::of).orElseThrow(() -> notFound(jobId));
    }

    @DELETE
    @Operation(summary = "Tear the job's runtime down: stop and remove the container, or delete the AgentCore runtime")
    public DeploymentView tearDown(@PathParam("jobId") UUID jobId) {
        return deployments.remove(jobId).map(DeploymentView::of).orElseThrow(() -> notFound(jobId));
    }

    private static ProblemException notFound(UUID jobId) {
        return ProblemException.notFound("DEPLOYMENT_NOT_FOUND", "No deployment for job " + jobId);
    }
}
