package io.agentfoundry.registry.domain;

public enum JobStatus {
    ACCEPTED, RUNNING, SUCCEEDED, FAILED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
