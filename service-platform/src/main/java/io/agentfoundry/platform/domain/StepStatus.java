package io.agentfoundry.platform.domain;

public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
