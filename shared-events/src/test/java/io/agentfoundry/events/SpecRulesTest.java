package io.agentfoundry.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules in Java and in the JSON Schemas must be the same rules: one source, checked here. */
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
    void theSchemaStatesTheSameLimits() throws IOException {
        JsonNode schema = agentSpecSchema();
        Map<String, Long> limits = new LinkedHashMap<>();
        limits.put("/properties/description/maxLength", (long) SpecRules.MAX_DESCRIPTION);
        limits.put("/properties/systemPrompt/maxLength", (long) SpecRules.MAX_PROMPT);
        limits.put("/properties/modelId/maxLength", (long) SpecRules.MAX_MODEL_ID);
        limits.put("/properties/tools/maxItems", (long) SpecRules.MAX_TOOLS);
        limits.put("/properties/testCases/maxItems", (long) SpecRules.MAX_TEST_CASES);
        limits.put("/properties/customTools/maxItems", (long) SpecRules.MAX_CUSTOM_TOOLS);
        limits.put("/$defs/testCase/properties/name/maxLength", (long) SpecRules.MAX_TEST_NAME);
        limits.put("/$defs/testCase/properties/prompt/maxLength", (long) SpecRules.MAX_TEST_TEXT);
        limits.put("/$defs/testCase/properties/expectContains/maxLength", (long) SpecRules.MAX_TEST_TEXT);
        limits.put("/$defs/testCase/properties/expectRegex/maxLength", (long) SpecRules.MAX_REGEX);
        limits.put("/$defs/testCase/properties/expectJsonPath/maxLength", (long) SpecRules.MAX_JSON_PATH);
        limits.put("/$defs/testCase/properties/maxLatencyMs/maximum", SpecRules.MAX_LATENCY_MS);
        limits.put("/$defs/customTool/properties/description/maxLength", (long) SpecRules.MAX_CUSTOM_DESCRIPTION);
        limits.put("/$defs/customTool/properties/parameters/maxItems", (long) SpecRules.MAX_PARAMETERS);
        limits.put("/$defs/customTool/properties/pythonBody/maxLength", (long) SpecRules.MAX_PYTHON_BODY);
        limits.put("/$defs/toolParameter/properties/description/maxLength", (long) SpecRules.MAX_PARAMETER_DESCRIPTION);
        limits.put("/$defs/httpCall/properties/urlTemplate/maxLength", (long) SpecRules.MAX_URL);
        limits.put("/$defs/httpCall/properties/headers/maxProperties", (long) SpecRules.MAX_HEADERS);
        limits.put("/$defs/httpCall/properties/headers/additionalProperties/maxLength", (long) SpecRules.MAX_HEADER_VALUE);
        limits.forEach((pointer, value) -> assertThat(schema.at(pointer).asLong()).as(pointer).isEqualTo(value));
        assertThat(schema.at("/properties/tools/items/pattern").asText()).isEqualTo(anchored(SpecRules.PYTHON_NAME));
    }

    @Test
    void theSchemasStateTheSameSetsOfValues() throws IOException {
        JsonNode spec = agentSpecSchema();
        assertThat(texts(spec.at("/properties/platform/enum"))).containsExactlyInAnyOrderElementsOf(SpecRules.PLATFORMS);
        assertThat(texts(spec.at("/$defs/toolParameter/properties/type/enum")))
                .containsExactlyInAnyOrderElementsOf(SpecRules.PARAMETER_TYPES);
        assertThat(texts(spec.at("/$defs/httpCall/properties/method/enum")))
                .containsExactlyInAnyOrderElementsOf(SpecRules.HTTP_METHODS);
        assertThat(texts(spec.at("/$defs/pythonKeyword/enum")))
                .containsExactlyInAnyOrderElementsOf(SpecRules.PYTHON_KEYWORDS);
        List<String> targets = Arrays.stream(DeployTarget.values()).map(Enum::name).toList();
        assertThat(texts(spec.at("/properties/deployTarget/enum"))).containsExactlyInAnyOrderElementsOf(targets);
        for (String event : List.of("runtime-created", "runtime-lost")) {
            assertThat(texts(schema(event + ".v1.schema.json").at("/properties/target/enum"))).as(event)
                    .containsExactlyInAnyOrderElementsOf(targets);
        }
    }

    /** The values of a JSON array, nulls left out (an enum that allows null). */
    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> {
            if (!value.isNull()) {
                values.add(value.asText());
            }
        });
        return values;
    }

    private static JsonNode schema(String file) throws IOException {
        try (InputStream in = SpecRulesTest.class.getResourceAsStream("/schemas/" + file)) {
            return EventCodec.mapper().readTree(in);
        }
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
