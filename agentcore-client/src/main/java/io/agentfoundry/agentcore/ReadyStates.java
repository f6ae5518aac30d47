package io.agentfoundry.agentcore;

import software.amazon.awssdk.services.bedrockagentcorecontrol.model.AgentRuntimeEndpointStatus;
import software.amazon.awssdk.services.bedrockagentcorecontrol.model.AgentRuntimeStatus;

import java.util.Set;

/** The statuses from which an AgentCore runtime version or endpoint never becomes READY: waiting on is pointless. */
public final class ReadyStates {

    public static final Set<AgentRuntimeStatus> RUNTIME_CANNOT_BECOME_READY = Set.of(
            AgentRuntimeStatus.CREATE_FAILED, AgentRuntimeStatus.UPDATE_FAILED, AgentRuntimeStatus.DELETING);
    public static final Set<AgentRuntimeEndpointStatus> ENDPOINT_CANNOT_BECOME_READY = Set.of(
            AgentRuntimeEndpointStatus.CREATE_FAILED, AgentRuntimeEndpointStatus.UPDATE_FAILED,
            AgentRuntimeEndpointStatus.DELETING);

    private ReadyStates() {
    }

    /** AgentCore's failure reason, or that it gave none. */
    public static String reason(String failureReason) {
        return failureReason == null || failureReason.isBlank() ? "AgentCore gave no reason" : failureReason;
    }
}
