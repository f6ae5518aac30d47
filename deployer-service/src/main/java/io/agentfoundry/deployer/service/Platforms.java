package io.agentfoundry.deployer.service;

import java.util.Locale;

/** Image platforms as the builder records them: {@code os/arch}, or {@code os/arch/variant}. */
final class Platforms {

    private Platforms() {
    }

    /**
     * The {@code os/arch} of a platform, its variant left out: {@code linux/arm64/v8} → {@code linux/arm64}. Platforms
     * are compared so wherever the deployer matches them, so that a variant never hides an architecture.
     */
    static String osArch(String platform) {
        String trimmed = platform.trim().toLowerCase(Locale.ROOT);
        int first = trimmed.indexOf('/');
        int second = first < 0 ? -1 : trimmed.indexOf('/', first + 1);
        return second < 0 ? trimmed : trimmed.substring(0, second);
    }
}
