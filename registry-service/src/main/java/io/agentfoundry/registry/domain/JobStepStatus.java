package io.agentfoundry.registry.domain;

/** A step of a job as the registry shows it; SKIPPED and CANCELLED come from cancelling or rejecting a job. */
public enum JobStepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED;

    /** A finished step is never changed by the pipeline's events, only by a retry. */
    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }
}
