package io.agentfoundry.registry.service;

import io.agentfoundry.platform.rest.ProblemException;

/** A query parameter the API cannot use (unknown enum value, bad sort key, page out of range): HTTP 400. */
public class InvalidQueryException extends ProblemException {

    public InvalidQueryException(String message) {
        super(400, "INVALID_QUERY", message);
    }
}
