package io.agentfoundry.tester.testsupport;

import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.tester.config.TesterConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;

/**
 * The configuration tester-service ships (its application.properties, no profile), with overrides on top, without
 * starting the application: for unit tests of what the settings allow.
 */
public final class ShippedSettings {

    private ShippedSettings() {
    }

    public static SmallRyeConfig with(Map<String, String> overrides) {
        URL shipped = ShippedSettings.class.getResource("/application.properties");
        try {
            return new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .addDiscoveredConverters()
                    .withSources(new PropertiesConfigSource(shipped, 250))
                    .withSources(new PropertiesConfigSource(overrides, "overrides", 400))
                    .withMapping(TesterConfig.class)
                    .withMapping(PlatformConfig.class)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SmallRyeConfig shipped() {
        return with(Map.of());
    }
}
