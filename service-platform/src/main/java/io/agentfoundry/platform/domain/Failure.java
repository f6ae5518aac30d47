package io.agentfoundry.platform.domain;

/**
 * The work cannot succeed with this input (a bad bundle, an image that won't start, a spec that cannot become a
 * bundle), said with a machine-readable code. In a step, the job fails at that step with {@code StepFailed} (without
 * retries, and without dead-lettering the record, which was valid); answering a request, it is a 400 problem with the
 * same code.
 */
public class Failure extends RuntimeException {

    private final String errorCode;
    private final boolean retryable;

    public Failure(String errorCode, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    public Failure(String errorCode, String message) {
        this(errorCode, message, false, null);
    }

    public String errorCode() {
        return errorCode;
    }

    /** Whether trying again may succeed (a transient fault rather than a bad input). */
    public boolean retryable() {
        return retryable;
    }
}
