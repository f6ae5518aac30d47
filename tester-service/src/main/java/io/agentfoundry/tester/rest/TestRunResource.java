package io.agentfoundry.tester.rest;

import io.agentfoundry.tester.domain.TestCheck;
import io.agentfoundry.tester.mapping.TestRunView;
import io.agentfoundry.tester.service.TestRunService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.UUID;

@Path("/api/test-runs/{jobId}")
public class TestRunResource {

    private final TestRunService tests;

    TestRunResource(TestRunService tests) {
        this.tests = tests;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The job's test report: every check with its outcome, detail and latency")
    public TestRunView testRun(@PathParam("jobId") UUID jobId) {
        List<TestCheck> checks = tests.checks(jobId);
        if (checks.isEmpty()) {
            throw new NotFoundException("No test run for job " + jobId);
        }
        return TestRunView.of(jobId, checks);
    }
}
