package io.agentfoundry.registry.service;

import io.agentfoundry.platform.rest.ProblemException;

import java.util.UUID;

public class JobNotFoundException extends ProblemException {

    public JobNotFoundException(UUID jobId) {
        super(404, "JOB_NOT_FOUND", "No job " + jobId);
    }
}
