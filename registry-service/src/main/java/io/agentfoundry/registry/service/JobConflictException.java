package io.agentfoundry.registry.service;

/** The request cannot be carried out in the job's current state (or clashes with an earlier request): HTTP 409. */
public class JobConflictException extends RuntimeException {

    public JobConflictException(String message) {
        super(message);
    }
}
