package io.agentfoundry.registry.domain.catalog;

public enum PricingUnit {
    /** Per million input and output tokens. */
    PER_MILLION_TOKENS,
    PER_IMAGE,
    /** Per second of generated video. */
    PER_SECOND,
    /** Runs on the user's own hardware: no per-use charge. */
    LOCAL
}
