package io.agentfoundry.generator.rest;

import io.agentfoundry.generator.mapping.GeneratedFileView;
import io.agentfoundry.generator.mapping.GenerationView;
import io.agentfoundry.generator.service.GenerationService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

@Path("/api/generations/{jobId}")
public class GenerationResource {

    private final GenerationService generation;

    GenerationResource(GenerationService generation) {
        this.generation = generation;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The job's bundle: content hash and every file with its hash")
    public GenerationView generation(@PathParam("jobId") UUID jobId) {
        return generation.bundle(jobId)
                .map(bundle -> GenerationView.of(bundle,
                        generation.files(jobId).stream().map(GeneratedFileView::of).toList()))
                .orElseThrow(() -> notFound(jobId));
    }

    @GET
    @Path("/bundle")
    @Produces("application/gzip")
    @Operation(summary = "The bundle as a reproducible tar.gz archive")
    public Response bundle(@PathParam("jobId") UUID jobId) {
        byte[] archive = generation.archive(jobId).orElseThrow(() -> notFound(jobId));
        return Response.ok(archive)
                .header("Content-Disposition", "attachment; filename=\"bundle-" + jobId + ".tar.gz\"")
                .build();
    }

    @GET
    @Path("/files/{path: .+}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "One file of the bundle")
    public byte[] file(@PathParam("jobId") UUID jobId, @PathParam("path") String path) {
        return generation.file(jobId, path)
                .map(file -> file.content)
                .orElseThrow(() -> new NotFoundException("No file " + path + " in the bundle of job " + jobId));
    }

    private static NotFoundException notFound(UUID jobId) {
        return new NotFoundException("No bundle for job " + jobId);
    }
}
