package io.agentfoundry.platform.messaging;

/**
 * The step cannot succeed with this input (a bad bundle, an image that won't start): the job fails at this step with
 * {@code StepFailed}, without retries and without dead-lettering the record, which was valid.
 */
public class StepFailureException extends RuntimeException {

    private final String errorCode;
    private final boolean retryable;

    public StepFailureException(String errorCode, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    public StepFailureException(String errorCode, String message) {
        this(errorCode, message, false, null);
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
