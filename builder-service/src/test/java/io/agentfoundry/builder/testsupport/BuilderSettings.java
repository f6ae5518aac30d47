package io.agentfoundry.builder.testsupport;

import io.agentfoundry.builder.config.BuilderConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.Map;

/** A {@link BuilderConfig} for plain unit tests: the mapping's defaults, Quarkus' duration syntax, the given values. */
public final class BuilderSettings {

    private BuilderSettings() {
    }

    public static BuilderConfig of(Map<String, String> values) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withMapping(BuilderConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValue("agentfoundry.builder.output-dir", System.getProperty("java.io.tmpdir"));
        values.forEach(builder::withDefaultValue);
        return builder.build().getConfigMapping(BuilderConfig.class);
    }
}
