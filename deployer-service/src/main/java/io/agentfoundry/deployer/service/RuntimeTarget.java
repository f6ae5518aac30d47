package io.agentfoundry.deployer.service;

import io.agentfoundry.deployer.config.DeployerConfig;
import io.agentfoundry.deployer.domain.Deployment;
import io.agentfoundry.events.ImageBuilt;

import java.util.Optional;
import java.util.function.Consumer;

/** One place agents can run. Implementations throw {@code StepFailureException} with the reason when they cannot. */
public interface RuntimeTarget {

    DeployerConfig.Target target();

    /**
     * Starts the image, or updates the agent's runtime to it, and returns once the runtime is ready to answer. When the
     * job is cancelled while it waits, it stops waiting, undoes what only this job made, and throws
     * {@link DeployContext#cancelledWhile}.
     *
     * @param current the agent's active deployment on this target (the runtime to update), if any
     * @param context where progress lines go, and whether the job has been cancelled meanwhile
     */
    RuntimePlacement deploy(ImageBuilt image, Optional<Deployment> current, DeployContext context);

    /** Stops and removes the runtime. Removing one that is already gone is not an error. */
    void remove(Deployment deployment, Consumer<String> progress);

    /**
     * Where the runtime is and how to invoke it.
     *
     * @param runtimeId      container id or AgentCore agent runtime id
     * @param invocationUrl  HTTP base URL (LOCAL) or the InvokeAgentRuntime URL (AGENTCORE)
     * @param runtimeArn     AGENTCORE only
     * @param runtimeVersion AGENTCORE only
     * @param qualifier      AGENTCORE only: the endpoint to invoke
     * @param region         AGENTCORE only
     */
    record RuntimePlacement(String runtimeId, String invocationUrl, String runtimeArn, String runtimeVersion,
                            String qualifier, String region) {

        public static RuntimePlacement local(String containerId, String invocationUrl) {
            return new RuntimePlacement(containerId, invocationUrl, null, null, null, null);
        }
    }
}
