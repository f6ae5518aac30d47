package io.agentfoundry.generator.testing;

import io.agentfoundry.generator.testing.BundleChecker.Expectation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker the property tests rely on finds what it is meant to find: these are its own failure cases. */
class BundleCheckerTest {

    private static final String CANARY = "QxCanaryQx";
    @RegisterExtension
    static final BundleChecker python = new BundleChecker();

    private static List<String> problemsOf(String path, String source, Expectation... expectations) {
        SortedMap<String, byte[]> files = new TreeMap<>(Map.of(path, source.getBytes(StandardCharsets.UTF_8)));
        return python.check(files, List.of(expectations), List.of(CANARY));
    }

    @Test
    void textInsideStringLiteralsIsFine() {
        assertThat(problemsOf("a.py", "X = \"QxCanaryQx\"\n\n\ndef f():\n    \"QxCanaryQx docs\"\n")).isEmpty();
    }

    @Test
    void findsTextInCommentsNamesAndCodeAfterAMultilineLiteral() {
        assertThat(problemsOf("a.py", "X = 1  # QxCanaryQx\n")).hasSize(1);
        assertThat(problemsOf("a.py", "QxCanaryQx = 1\n")).hasSize(1);
        assertThat(problemsOf("a.py", "X = \"\"\"\nQxCanaryQx\n\"\"\"; QxCanaryQx = 2\n")).hasSize(1);
        assertThat(problemsOf("a.py", "X = 1\rY = QxCanaryQx\r")).as("lines ended by CR alone").hasSize(1);
    }

    @Test
    void findsTextAnywhereInFilesThatAreNotPython() {
        assertThat(problemsOf("Dockerfile", "FROM scratch\n# QxCanaryQx\n")).hasSize(1);
    }

    @Test
    void reportsSourceThatDoesNotParse() {
        assertThat(problemsOf("a.py", "def (\n")).singleElement().asString().contains("does not parse");
        assertThat(problemsOf("a.py", "X = '\u0000'\n")).singleElement().asString().contains("does not parse");
    }

    @Test
    void comparesLiteralsAndDocstringsWithTheExpectedValues() {
        String source = "X = \"a\\u2028b\"\nH = {\"k\": \"v\"}\n\n\ndef f():\n    \"doc\\n\"\n";

        assertThat(problemsOf("a.py", source, Expectation.assignment("a.py", "X", "a\u2028b"),
                Expectation.assignment("a.py", "H", Map.of("k", "v")),
                Expectation.docstring("a.py", "f", "doc\n"))).isEmpty();
        assertThat(problemsOf("a.py", source, Expectation.assignment("a.py", "X", "a b"),
                Expectation.docstring("a.py", "f", "doc"))).hasSize(2);
    }

    @Test
    void keepsLoneSurrogatesApartFromOtherText() {
        assertThat(problemsOf("a.py", "X = \"\\ud800\"\n", Expectation.assignment("a.py", "X", "\ud800"))).isEmpty();
        assertThat(problemsOf("a.py", "X = \"\\ud800\"\n", Expectation.assignment("a.py", "X", "?"))).hasSize(1);
    }
}
