package io.agentfoundry.deployer.rest;

import io.agentfoundry.deployer.mapping.DeploymentView;
import io.agentfoundry.deployer.service.DeploymentService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

@Path("/api/deployments/{jobId}")
public class DeploymentResource {

    private final DeploymentService deployments;

    DeploymentResource(DeploymentService deployments) {
        this.deployments = deployments;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The runtime created for the job")
    public DeploymentView deployment(@PathParam("jobId") UUID jobId) {
        return deployments.find(jobId).map(DeploymentView::of)
                .orElseThrow(() -> new NotFoundException("No deployment for job " + jobId));
    }
}
