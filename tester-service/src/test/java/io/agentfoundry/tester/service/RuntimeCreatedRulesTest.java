package io.agentfoundry.tester.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The tester's copy of the RuntimeCreated rules is the schema's, as the shared-events jar ships it. */
class RuntimeCreatedRulesTest {

    private static JsonNode properties;

    @BeforeAll
    static void readSchema() throws IOException {
        try (InputStream schema = RuntimeCreatedRulesTest.class
                .getResourceAsStream("/schemas/runtime-created.v1.schema.json")) {
            assertThat(schema).as("runtime-created.v1.schema.json from shared-events on the classpath").isNotNull();
            properties = new ObjectMapper().readTree(schema).path("properties");
        }
    }

    @Test
    void thePatternsAreTheSchemas() {
        assertThat(RuntimeCreatedRules.REGION.pattern()).isEqualTo(properties.path("region").path("pattern").asText());
        assertThat(RuntimeCreatedRules.RUNTIME_ARN.pattern())
                .isEqualTo(properties.path("runtimeArn").path("pattern").asText());
    }

    @Test
    void theLengthsAreTheSchemas() {
        assertThat(RuntimeCreatedRules.REGION_MAX_LENGTH)
                .isEqualTo(properties.path("region").path("maxLength").asInt());
        assertThat(RuntimeCreatedRules.RUNTIME_ARN_MAX_LENGTH)
                .isEqualTo(properties.path("runtimeArn").path("maxLength").asInt());
        assertThat(RuntimeCreatedRules.INVOCATION_URL_MAX_LENGTH)
                .isEqualTo(properties.path("invocationUrl").path("maxLength").asInt());
    }

    @Test
    void aRegionMatchesWholeAndNothingMore() {
        assertThat(RuntimeCreatedRules.matches(RuntimeCreatedRules.REGION, 50, "us-east-1")).isTrue();
        assertThat(RuntimeCreatedRules.matches(RuntimeCreatedRules.REGION, 50, "ap-southeast-2")).isTrue();
        assertThat(RuntimeCreatedRules.matches(RuntimeCreatedRules.REGION, 50, "us-gov-west-1")).isTrue();
        assertThat(RuntimeCreatedRules.matches(RuntimeCreatedRules.REGION, 50, "us-east-1.attacker.example"))
                .isFalse();
        assertThat(RuntimeCreatedRules.matches(RuntimeCreatedRules.REGION, 50, "attacker.example/us-east-1"))
                .isFalse();
        assertThat(RuntimeCreatedRules.matches(RuntimeCreatedRules.REGION, 50, "us-east-1\n")).isFalse();
        assertThat(RuntimeCreatedRules.matches(RuntimeCreatedRules.REGION, 50, "us-" + "a-".repeat(30) + "1"))
                .isFalse();
        assertThat(RuntimeCreatedRules.matches(RuntimeCreatedRules.REGION, 50, null)).isFalse();
    }

    @Test
    void aMismatchQuotesTheStartOfTheValue() {
        assertThat(RuntimeCreatedRules.mismatch("region", RuntimeCreatedRules.REGION, 50, "x".repeat(300)))
                .isEqualTo("region '" + "x".repeat(200) + "…' does not match ^[a-z]{2}(-[a-z]+)+-[0-9]+$ (at most 50"
                        + " characters)");
    }
}
