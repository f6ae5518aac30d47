package io.agentfoundry.registry.service;

import io.agentfoundry.platform.rest.ProblemException;

/** The request cannot be carried out in the job's current state (or clashes with an earlier request): HTTP 409. */
public class JobConflictException extends ProblemException {

    public JobConflictException(String code, String message) {
        super(409, code, message);
    }
}
