package io.agentfoundry.platform.domain;

/** Where a step of a job stands: in the service that runs it, and in the registry's view of the whole job. */
public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED,
    /** The job was cancelled before or while this step ran. */
    CANCELLED,
    /** The registry's view only: the job ended before this step was reached. */
    SKIPPED;

    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }
}
