package io.agentfoundry.registry.domain.catalog;

public enum Capability {
    TOOL_USE, VISION, REASONING, CODING, EMBEDDING, IMAGE_GENERATION, VIDEO_GENERATION
}
