package io.agentfoundry.registry.domain;

public enum JobStatus {
    ACCEPTED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
