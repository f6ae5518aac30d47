package io.agentfoundry.deployer.domain;

/** Where a deployment's runtime stands; stored by name in {@code deployment.status}. */
public enum DeploymentStatus {
    /** A runtime a deployment created and has not finished with: ACTIVE once the step succeeds, else reaped. */
    DEPLOYING,
    /** The agent's live runtime on its target. */
    ACTIVE,
    /** A later job of the same agent replaced this runtime (LOCAL) or updated it to a new version (AGENTCORE). */
    SUPERSEDED,
    REMOVED,
    /** Reconciliation found the runtime gone and could not bring it back ({@code RuntimeLost}). */
    LOST
}
