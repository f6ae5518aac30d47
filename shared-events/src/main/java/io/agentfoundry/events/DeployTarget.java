package io.agentfoundry.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an agent runs: {@code AgentSpec.deployTarget}, {@code RuntimeCreated.target} and {@code RuntimeLost.target}
 * carry these names (the schemas' enums are the same, checked by a test).
 */
public enum DeployTarget {
    /** A container on a local engine (Docker, or Podman's Docker-compatible API). */
    LOCAL,
    /** An Amazon Bedrock AgentCore runtime. */
    AGENTCORE;

    /** The target of this name, if it is one. */
    public static Optional<DeployTarget> named(String name) {
        return Arrays.stream(values()).filter(target -> target.name().equals(name)).findFirst();
    }
}
