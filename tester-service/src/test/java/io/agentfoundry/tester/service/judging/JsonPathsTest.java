package io.agentfoundry.tester.service.judging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonPathsTest {

    @ParameterizedTest
    @CsvSource({
            "$, ''",
            "$.days, /days",
            "$.days[1].high, /days/1/high",
            "$[0][12], /0/12",
            "$._a.B9, /_a/B9"})
    void aSupportedPathBecomesTheSamePointer(String path, String pointer) {
        assertThat(JsonPaths.toPointer(path).toString()).isEqualTo(pointer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "days", "$.", "$..a", "$.9a", "$[", "$[]", "$[1", "$[a]", "$[-1]", "$.a b", "$['a']",
            "$.a/b", "$.a~0", "$[*]", "$.a[?(@.b)]", "$[١]"})
    void anyOtherPathIsRefusedWithAReason(String path) {
        assertThatIllegalArgumentException().isThrownBy(() -> JsonPaths.toPointer(path))
                .withMessageMatching("(a JSON path must start with \\$|expected .+ at position \\d+ of .*)");
    }

    @Test
    void anIndexTooLargeForAnArrayIsAPathThatFindsNothingRatherThanAnError() {
        assertThat(JsonPaths.toPointer("$[99999999999999999999]").toString()).isEqualTo("/99999999999999999999");
    }

    @Test
    void aLongPathIsConvertedInOnePass() {
        String path = "$" + ".a[0]".repeat(100);
        assertThat(JsonPaths.toPointer(path).toString()).isEqualTo("/a/0".repeat(100));
    }
}
