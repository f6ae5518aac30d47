package io.agentfoundry.deployer.service;

import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.deployer.domain.Deployment;
import io.agentfoundry.events.ImageBuilt;

import java.util.Optional;
import java.util.function.Consumer;

/** One place agents can run. Implementations throw {@code Failure} with the reason when they cannot. */
public interface RuntimeTarget {

    DeployTarget target();

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
     * Holds an ACTIVE deployment's runtime against what runs: brings back one that vanished where it can (a container
     * at its address), says LOST where it cannot, and UNKNOWN when the engine or AgentCore cannot tell now.
     */
    Reconciled reconcile(Deployment deployment, Consumer<String> progress);

    /** What {@link #reconcile} found. {@code runtimeId} is the runtime's id now (a re-created container's is new). */
    record Reconciled(Outcome outcome, String runtimeId, String detail) {

        public enum Outcome { RUNNING, RECREATED, LOST, UNKNOWN }

        public static Reconciled running(String runtimeId) {
            return new Reconciled(Outcome.RUNNING, runtimeId, null);
        }

        public static Reconciled recreated(String runtimeId, String detail) {
            return new Reconciled(Outcome.RECREATED, runtimeId, detail);
        }

        public static Reconciled lost(String detail) {
            return new Reconciled(Outcome.LOST, null, detail);
        }

        public static Reconciled unknown(String detail) {
            return new Reconciled(Outcome.UNKNOWN, null, detail);
        }
    }

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
