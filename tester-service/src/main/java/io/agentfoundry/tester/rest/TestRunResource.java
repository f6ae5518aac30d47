package io.agentfoundry.tester.rest;

import io.agentfoundry.platform.rest.ProblemException;
import io.agentfoundry.tester.mapping.TestRunView;
import io.agentfoundry.tester.service.TestRunService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

@Path("/api/test-runs/{jobId}")
public class TestRunResource {

    private final TestRunService tests;

    TestRunResource(TestRunService tests) {
        this.tests = tests;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The job's test report: outcome, latency percentiles, runtime logs, and every check with what"
            + " was sent, what came back and why it passed or failed")
    public TestRunView testRun(@PathParam("jobId") UUID jobId) {
        return tests.report(jobId).orElseThrow(() -> ProblemException.notFound("TEST_RUN_NOT_FOUND",
                "No test run for job " + jobId + ": its runtime has not been tested (yet)"));
    }
}
