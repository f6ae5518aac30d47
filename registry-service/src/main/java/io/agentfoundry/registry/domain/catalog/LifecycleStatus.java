package io.agentfoundry.registry.domain.catalog;

public enum LifecycleStatus {
    ACTIVE, LEGACY, EOL;

    public boolean isLive() {
        return this == ACTIVE;
    }
}
