package io.agentfoundry.registry.service;

import java.util.UUID;

public class JobNotFoundException extends RuntimeException {

    public JobNotFoundException(UUID jobId) {
        super("No job " + jobId);
    }
}
