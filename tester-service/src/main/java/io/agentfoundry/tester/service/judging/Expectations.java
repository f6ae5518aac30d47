package io.agentfoundry.tester.service.judging;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentfoundry.events.AgentSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Judges an answer against a test case's expectations. Every unmet expectation is named in plain words with what the
 * agent said; a user's pattern or path that cannot be evaluated is an unmet expectation too, never an exception.
 */
public final class Expectations {

    /** A pattern that backtracks longer than this on an answer is given up. */
    static final Duration REGEX_BUDGET = Duration.ofSeconds(1);

    private Expectations() {
    }

    /** @return the unmet expectations, empty when the case passes */
    public static List<String> unmet(AgentSpec.TestCase testCase, Answer answer, int excerptLength) {
        if (!answer.succeeded()) {
            return List.of(callFailure(answer, excerptLength));
        }
        String said = quote(answer.text(), excerptLength);
        List<String> unmet = new ArrayList<>();
        if (testCase.expectContains() != null && !answer.text().toLowerCase(Locale.ROOT)
                .contains(testCase.expectContains().toLowerCase(Locale.ROOT))) {
            unmet.add("expected the answer to contain '" + testCase.expectContains() + "' but it said: " + said);
        }
        if (testCase.expectRegex() != null) {
            regexProblem(testCase.expectRegex(), answer.text(), said).ifPresent(unmet::add);
        }
        if (testCase.expectJsonPath() != null) {
            jsonPathProblem(testCase.expectJsonPath(), answer.text(), said).ifPresent(unmet::add);
        }
        if (testCase.maxLatencyMs() != null && answer.latencyMs() > testCase.maxLatencyMs()) {
            unmet.add("took " + answer.latencyMs() + " ms, over the " + testCase.maxLatencyMs() + " ms limit");
        }
        return unmet;
    }

    private static String callFailure(Answer answer, int excerptLength) {
        if (answer.status() == 0) {
            return "no answer: " + answer.error();
        }
        if (answer.status() >= 200 && answer.status() < 300) {
            return "the agent reported an error: " + quote(answer.error(), excerptLength);
        }
        return "the call failed with HTTP " + answer.status() + ": "
                + quote(answer.error() != null ? answer.error() : answer.body(), excerptLength);
    }

    private static Optional<String> regexProblem(String regex, String text, String said) {
        String expected = "expected the answer to match /" + regex + "/";
        try {
            return Pattern.compile(regex).matcher(new BudgetedText(text, REGEX_BUDGET)).find()
                    ? Optional.empty() : Optional.of(expected + " but it said: " + said);
        } catch (PatternSyntaxException e) {
            return Optional.of(expected + ", which is not a valid regular expression: " + e.getDescription());
        } catch (BudgetedText.OverBudget | StackOverflowError e) {
            return Optional.of(expected + ", which is too complex to evaluate on the answer: " + said);
        }
    }

    private static Optional<String> jsonPathProblem(String path, String text, String said) {
        JsonPointer pointer;
        try {
            pointer = JsonPaths.toPointer(path);
        } catch (IllegalArgumentException e) {
            return Optional.of("expected the JSON answer to have " + path + ", which is not a supported JSON path: "
                    + e.getMessage());
        }
        JsonNode json = Json.parse(text);
        if (json == null || !json.isContainerNode()) {
            return Optional.of("expected a JSON answer with " + path + " but the answer is not a JSON object or array: "
                    + said);
        }
        return json.at(pointer).isMissingNode()
                ? Optional.of("expected the JSON answer to have " + path + " but it has no such value: " + said)
                : Optional.empty();
    }

    static String quote(String text, int length) {
        String value = text == null ? "" : text;
        return "\"" + (value.length() <= length ? value : value.substring(0, length) + "…") + "\"";
    }

    /** The answer as a regex sees it, giving up once the budget is spent: backtracking reads characters. */
    private static final class BudgetedText implements CharSequence {

        static final class OverBudget extends RuntimeException {
            OverBudget() {
                super(null, null, false, false);
            }
        }

        private final String text;
        private final long deadline;
        private int reads;

        BudgetedText(String text, Duration budget) {
            this(text, System.nanoTime() + budget.toNanos());
        }

        private BudgetedText(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public char charAt(int index) {
            if (++reads % 4096 == 0 && System.nanoTime() > deadline) {
                throw new OverBudget();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), deadline);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
