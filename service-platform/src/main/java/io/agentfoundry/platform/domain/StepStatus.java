package io.agentfoundry.platform.domain;

public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED,
    /** The job was cancelled before this step started. */
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
