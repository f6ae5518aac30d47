package io.agentfoundry.tester.service.judging;

import io.agentfoundry.events.AgentSpec.TestCase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectationsTest {

    private static final int EXCERPT = 40;

    private static Answer said(String text, long latencyMs) {
        return new Answer(200, "application/json", text, null, text, latencyMs);
    }

    private static List<String> unmet(TestCase testCase, Answer answer) {
        return Expectations.unmet(testCase, answer, EXCERPT);
    }

    @Test
    void everyExpectationMetPasses() {
        TestCase testCase = new TestCase("forecast", "Forecast?", "PARIS", "high of \\d+", "$.days[1].high", 1000L);
        String json = "{\"city\": \"Paris\", \"note\": \"high of 23\", \"days\": [{\"high\": 20}, {\"high\": 23}]}";
        assertThat(unmet(testCase, said(json, 200))).isEmpty();
    }

    @Test
    void aCaseWithoutExpectationsOnlyNeedsASuccessfulCall() {
        assertThat(unmet(new TestCase("smoke", "Hi", null), said("", 5))).isEmpty();
    }

    @Test
    void eachUnmetExpectationIsNamedWithWhatTheAgentSaid() {
        TestCase testCase = new TestCase("greets", "Hello?", "weather", "\\d{5}", "$.city", 3000L);
        List<String> unmet = unmet(testCase, said("Hello there! How can I help you today? I know many things.", 5120));
        assertThat(unmet).containsExactly(
                "expected the answer to contain 'weather' but it said: \"Hello there! How can I help you today? I…\"",
                "expected the answer to match /\\d{5}/ but it said: \"Hello there! How can I help you today? I…\"",
                "expected a JSON answer with $.city but the answer is not a JSON object or array: "
                        + "\"Hello there! How can I help you today? I…\"",
                "took 5120 ms, over the 3000 ms limit");
    }

    @Test
    void aJsonPathThatFindsNothingIsUnmet() {
        TestCase testCase = new TestCase("json", "JSON?", null, null, "$.days[5].high", null);
        assertThat(unmet(testCase, said("{\"days\": [{\"high\": 20}]}", 5))).singleElement().asString()
                .startsWith("expected the JSON answer to have $.days[5].high but it has no such value: ");
    }

    @Test
    void aJsonNullIsAValueThatExists() {
        TestCase testCase = new TestCase("json", "JSON?", null, null, "$.answer", null);
        assertThat(unmet(testCase, said("{\"answer\": null}", 5))).isEmpty();
    }

    @Test
    void aJsonScalarOrTextThatStartsWithJsonIsNotAJsonAnswer() {
        TestCase testCase = new TestCase("json", "JSON?", null, null, "$", null);
        assertThat(unmet(testCase, said("42", 5))).singleElement().asString().contains("is not a JSON object or array");
        assertThat(unmet(testCase, said("{\"a\": 1} and more words", 5))).singleElement().asString()
                .contains("is not a JSON object or array");
        assertThat(unmet(testCase, said("[1, 2]", 5))).isEmpty();
    }

    @Test
    void anInvalidPatternIsAnUnmetExpectationWithTheReason() {
        TestCase testCase = new TestCase("bad", "Hi", null, "([a-z", null, null);
        assertThat(unmet(testCase, said("hello", 5))).singleElement().asString()
                .startsWith("expected the answer to match /([a-z/, which is not a valid regular expression: ");
    }

    @Test
    void aCatastrophicPatternIsGivenUpWithTheReason() {
        // backtracks for hours on 60 characters, even with the JDK's memoization of simpler cases like (a+)+$
        TestCase testCase = new TestCase("slow", "Hi", null, "(.*a){12}b", null, null);
        List<String> unmet = unmet(testCase, said("a".repeat(60), 5));
        assertThat(unmet).singleElement().asString()
                .startsWith("expected the answer to match /(.*a){12}b/, which is too complex to evaluate on the"
                        + " answer");
    }

    @Test
    void anUnsupportedJsonPathIsAnUnmetExpectationWithTheReason() {
        TestCase testCase = new TestCase("path", "Hi", null, null, "$..items[*]", null);
        assertThat(unmet(testCase, said("{}", 5))).singleElement().asString()
                .startsWith("expected the JSON answer to have $..items[*], which is not a supported JSON path: "
                        + "expected a name at position 2");
    }

    @Test
    void containsIgnoresCase() {
        assertThat(unmet(new TestCase("c", "Hi", "SUNNY"), said("It is sunny.", 5))).isEmpty();
    }

    @Test
    void aFailedCallIsTheOnlyReasonGiven() {
        TestCase testCase = new TestCase("greets", "Hello?", "weather", "\\d", "$.a", 1L);
        assertThat(unmet(testCase, Answer.of(500, "application/json", "{\"error\": \"model not found\"}", 5)))
                .containsExactly("the call failed with HTTP 500: \"model not found\"");
        assertThat(unmet(testCase, Answer.none("java.net.ConnectException: refused", 5)))
                .containsExactly("no answer: java.net.ConnectException: refused");
        assertThat(unmet(testCase, Answer.of(200, "text/event-stream", "data: {\"error\": \"quota\"}\n\n", 5)))
                .containsExactly("the agent reported an error: \"quota\"");
    }
}
