package io.agentfoundry.deployer.service;

import io.agentfoundry.platform.rest.Problem;
import io.agentfoundry.platform.rest.ProblemException;

/**
 * A runtime could not be torn down because its target failed or could not be reached; nothing was changed. The API
 * answers as a gateway would: 503 when the target was unavailable (not reached, not configured), else 502 with the
 * target's own message.
 */
public class TeardownFailedException extends ProblemException {

    private final boolean unavailable;

    public TeardownFailedException(String message, boolean unavailable, Throwable cause) {
        super(Problem.of(unavailable ? 503 : 502, unavailable ? "RUNTIME_TARGET_UNAVAILABLE" : "TEARDOWN_FAILED",
                message), cause);
        this.unavailable = unavailable;
    }

    /** The target was not reached or is not configured, as opposed to answering with an error. */
    public boolean unavailable() {
        return unavailable;
    }
}
