package io.agentfoundry.registry.service;

/** A query parameter the API cannot use (unknown enum value, bad sort key, page out of range): HTTP 400. */
public class InvalidQueryException extends RuntimeException {

    public InvalidQueryException(String message) {
        super(message);
    }
}
