package io.agentfoundry.generator.testing;

import io.agentfoundry.generator.service.bundle.BundleRenderer;
import io.agentfoundry.generator.service.dependencies.DependencyPins;
import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The production {@link BundleRenderer} and templates on a plain Qute engine, for tests and benchmarks that run
 * without Quarkus (the seeded hostile-spec tests, JMH). {@code RendererParityTest} checks that it renders what the Quarkus
 * application renders, byte for byte.
 */
public final class StandaloneRenderer {

    private StandaloneRenderer() {
    }

    public static BundleRenderer create() {
        Engine engine = Engine.builder()
                .addDefaults()
                .addValueResolver(new ReflectionValueResolver())
                .removeStandaloneLines(true)
                .strictRendering(true)
                .addLocator(StandaloneRenderer::locate)
                .build();
        return new BundleRenderer(engine, new DependencyPins());
    }

    private static Optional<TemplateLocation> locate(String id) {
        URL template = StandaloneRenderer.class.getResource("/templates/" + id);
        if (template == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocation() {
            @Override
            public Reader read() {
                try {
                    return new InputStreamReader(template.openStream(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.empty();
            }
        });
    }
}
