package io.agentfoundry.builder.service;

import com.google.cloud.tools.jib.api.buildplan.Platform;

import java.util.Locale;

/** A platform as written in configuration and events: {@code os/architecture}, e.g. {@code linux/arm64}. */
public record ImagePlatform(String os, String architecture) {

    public static ImagePlatform parse(String text) {
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("A platform is os/architecture, e.g. linux/arm64, not '" + text + "'");
        }
        return new ImagePlatform(parts[0], parts[1]);
    }

    public Platform toJib() {
        return new Platform(architecture, os);
    }

    @Override
    public String toString() {
        return os + "/" + architecture;
    }
}
