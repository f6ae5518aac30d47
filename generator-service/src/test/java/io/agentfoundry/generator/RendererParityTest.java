package io.agentfoundry.generator;

import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.AgentSpec.ModelSettings;
import io.agentfoundry.events.AgentSpec.Monitoring;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.generator.service.bundle.BundleRenderer;
import io.agentfoundry.generator.service.bundle.RenderedBundle;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.generator.testing.StandaloneRenderer;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.agentfoundry.generator.testing.Requests.parameter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property, fidelity and contract tests render with {@link StandaloneRenderer} (no Quarkus); this checks that it
 * renders exactly what the application's renderer, on Quarkus' Qute engine, renders.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "generator"))
class RendererParityTest {

    @Inject
    BundleRenderer application;

    @Test
    void theStandaloneRendererRendersWhatTheApplicationRenders() {
        BundleRenderer standalone = StandaloneRenderer.create();
        AgentSpec everything = Requests.spec("parity_agent", "Say \"hi\" {x} \u2028 # no",
                List.of("http_request", "shell", "code_interpreter"),
                List.of(Requests.httpTool("lookup", "Looks up.", "https://example.com/{id}", "POST",
                                Map.of("Authorization", "Bearer ${TOKEN}"), parameter("id", "string", "Id", true),
                                parameter("limit", "integer", null, false)),
                        Requests.pythonTool("shout", "Shouts.", "return text.upper()",
                                parameter("text", "string", "Text", true))),
                new ModelSettings(0.4, 1000, 0.95), true, new Monitoring(true, true));

        for (AgentSpec spec : List.of(everything, Requests.simpleSpec("plain_agent", "Hi."))) {
            for (ModelBinding model : List.of(Requests.bedrock(), Requests.ollama())) {
                RenderedBundle expected = application.render(Requests.request(spec, model));
                RenderedBundle actual = standalone.render(Requests.request(spec, model));

                assertThat(actual.files().keySet()).isEqualTo(expected.files().keySet());
                expected.files().forEach((path, content) ->
                        assertThat(new String(actual.files().get(path))).as(path).isEqualTo(new String(content)));
            }
        }
    }
}
