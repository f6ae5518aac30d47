package io.agentfoundry.generator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "agentfoundry.generator")
public interface GeneratorConfig {

    /** Base URL at which other services reach this one; bundle links in {@code CodeGenerated} start with it. */
    String publicUrl();

    /** Written into every bundle's header; part of what makes a bundle reproducible. */
    @WithDefault("0.2.0")
    String version();

    /** The Python that checks user-supplied tool bodies before a job goes on. */
    Python python();

    interface Python {

        /** The interpreter to run; {@code python3} from the PATH unless told otherwise. */
        @WithDefault("python3")
        String command();

        /** How long one syntax check may take before the body counts as unparsable. */
        @WithDefault("10s")
        Duration checkTimeout();
    }
}
