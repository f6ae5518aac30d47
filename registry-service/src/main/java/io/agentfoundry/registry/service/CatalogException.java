package io.agentfoundry.registry.service;

/** A catalog file that cannot be used; the message names each broken entry and field. */
public class CatalogException extends IllegalStateException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
