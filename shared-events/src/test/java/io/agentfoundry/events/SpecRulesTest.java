package io.agentfoundry.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The identifier rules in Java and in the JSON Schema must be the same rules. */
class SpecRulesTest {

    private static JsonNode agentSpecSchema() throws IOException {
        try (InputStream in = SpecRulesTest.class.getResourceAsStream("/schemas/agent-spec.v1.schema.json")) {
            return EventCodec.mapper().readTree(in);
        }
    }

    private static String anchored(Pattern pattern) {
        return "^" + pattern.pattern() + "$";
    }

    @Test
    void theSchemaStatesTheSamePatterns() throws IOException {
        JsonNode schema = agentSpecSchema();
        assertThat(schema.at("/properties/name/pattern").asText()).isEqualTo(anchored(SpecRules.AGENT_NAME));
        assertThat(schema.at("/$defs/customTool/properties/name/pattern").asText())
                .isEqualTo(anchored(SpecRules.PYTHON_NAME));
        assertThat(schema.at("/$defs/toolParameter/properties/name/pattern").asText())
                .isEqualTo(anchored(SpecRules.PYTHON_NAME));
    }

    @Test
    void namesThatWouldBreakGeneratedCodeAreRefused() {
        assertThat(SpecRules.AGENT_NAME.matcher("weather_agent").matches()).isTrue();
        for (String hostile : new String[]{"bad-name", "1agent", "a b", "a;b", "", "x".repeat(49), "näme"}) {
            assertThat(SpecRules.AGENT_NAME.matcher(hostile).matches()).as(hostile).isFalse();
        }
        assertThat(SpecRules.PYTHON_NAME.matcher("city_name").matches()).isTrue();
        for (String hostile : new String[]{"_private", "CityName", "city-name", "city name", "0city", ""}) {
            assertThat(SpecRules.PYTHON_NAME.matcher(hostile).matches()).as(hostile).isFalse();
        }
    }
}
