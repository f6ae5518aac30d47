package io.agentfoundry.generator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "agentfoundry.generator")
public interface GeneratorConfig {

    /** Base URL at which other services reach this one; bundle links in {@code CodeGenerated} start with it. */
    String publicUrl();

    /** Written into every bundle's header; part of what makes a bundle reproducible. */
    @WithDefault("0.1.0")
    String version();
}
