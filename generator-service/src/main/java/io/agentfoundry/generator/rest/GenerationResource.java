package io.agentfoundry.generator.rest;

import io.agentfoundry.platform.rest.ProblemException;
import io.agentfoundry.generator.mapping.GeneratedFileView;
import io.agentfoundry.generator.mapping.GenerationView;
import io.agentfoundry.generator.mapping.PreviewRequest;
import io.agentfoundry.generator.mapping.PreviewView;
import io.agentfoundry.generator.service.bundle.BundleZip;
import io.agentfoundry.generator.service.GenerationService;
import io.agentfoundry.platform.bundle.BundleArchive;
import io.agentfoundry.platform.domain.Failure;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.SortedMap;
import java.util.UUID;

@Path("/api/generations")
public class GenerationResource {

    private static final String GZIP = "application/gzip";
    private static final String ZIP = "application/zip";

    private final GenerationService generation;

    GenerationResource(GenerationService generation) {
        this.generation = generation;
    }

    @GET
    @Path("/{jobId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The job's bundle: content hash, catalog and generator versions, every file with its hash")
    public GenerationView generation(@PathParam("jobId") UUID jobId) {
        return generation.bundle(jobId)
                .map(bundle -> GenerationView.of(bundle,
                        generation.files(jobId).stream().map(GeneratedFileView::of).toList()))
                .orElseThrow(() -> notFound(jobId));
    }

    @GET
    @Path("/{jobId}/bundle")
    @Produces({GZIP, ZIP})
    @Operation(summary = "The bundle as a reproducible tar.gz archive, or a zip (?format=zip or Accept: application/zip)")
    public Response bundle(@PathParam("jobId") UUID jobId, @QueryParam("format") String format,
                           @HeaderParam("Accept") String accept) {
        boolean zip = wantsZip(format, accept);
        SortedMap<String, byte[]> files = generation.storedFiles(jobId).orElseThrow(() -> notFound(jobId));
        return Response.ok(zip ? BundleZip.write(files) : BundleArchive.write(files), zip ? ZIP : GZIP)
                .header("Content-Disposition",
                        "attachment; filename=\"bundle-" + jobId + (zip ? ".zip" : ".tar.gz") + "\"")
                .build();
    }

    @GET
    @Path("/{jobId}/files/{path: .+}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "One file of the bundle")
    public byte[] file(@PathParam("jobId") UUID jobId, @PathParam("path") String path) {
        return generation.file(jobId, path)
                .map(file -> file.content)
                .orElseThrow(() -> ProblemException.notFound("FILE_NOT_FOUND",
                        "No file " + path + " in the bundle of job " + jobId));
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Render a bundle from an accepted-request-shaped body {spec, model, tools}, without a job")
    @APIResponse(responseCode = "400", description = "problem+json naming the check the request failed")
    public PreviewView preview(PreviewRequest request) {
        if (request == null) {
            throw new Failure("INVALID_SPEC", "The preview needs a body: {spec, model, tools}");
        }
        return PreviewView.of(generation.preview(request.spec(), request.model(), request.tools(),
                request.catalogVersion()));
    }

    private static boolean wantsZip(String format, String accept) {
        if (format != null) {
            return switch (format) {
                case "zip" -> true;
                case "tar.gz", "tgz" -> false;
                default -> throw ProblemException.badRequest("INVALID_FORMAT", "format must be zip or tar.gz: " + format);
            };
        }
        return accept != null && accept.contains(ZIP) && !accept.contains(GZIP);
    }

    private static ProblemException notFound(UUID jobId) {
        return ProblemException.notFound("BUNDLE_NOT_FOUND", "No bundle for job " + jobId);
    }
}
