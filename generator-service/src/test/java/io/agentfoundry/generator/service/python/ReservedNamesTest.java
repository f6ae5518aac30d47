package io.agentfoundry.generator.service.python;

import io.agentfoundry.events.SpecRules;
import io.agentfoundry.generator.testing.SystemPython;
import io.agentfoundry.platform.domain.Failure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** bundle/reserved-python-names.txt against the real Python: its keywords and builtins are all refused. */
class ReservedNamesTest {

    private static List<String> python(String expression) throws Exception {
        return pythonWords(expression).stream()
                .filter(name -> Identifiers.PYTHON_NAME.matcher(name).matches())
                .toList();
    }

    private static List<String> pythonWords(String expression) throws Exception {
        Process process = new ProcessBuilder(SystemPython.EXECUTABLE, "-c",
                "import builtins, keyword; print(' '.join(" + expression + "))").start();
        String names = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).isZero();
        return List.of(names.split(" "));
    }

    @Test
    void noToolOrParameterMayBeAKeyword() throws Exception {
        List<String> keywords = python("keyword.kwlist + keyword.softkwlist");

        assertThat(keywords).contains("import", "lambda", "match");
        for (String keyword : keywords) {
            assertThatThrownBy(() -> Identifiers.parameterName(keyword, "t")).isInstanceOf(Failure.class);
            assertThatThrownBy(() -> Identifiers.toolName(keyword)).isInstanceOf(Failure.class);
        }
    }

    /** SpecRules (what the registry refuses) names exactly Python's hard keywords, so no spec it accepts fails here. */
    @Test
    void theSpecRulesKeywordsArePythonsKeywords() throws Exception {
        List<String> hardKeywords = pythonWords("keyword.kwlist");

        assertThat(SpecRules.PYTHON_KEYWORDS).containsExactlyInAnyOrderElementsOf(hardKeywords);
        for (String keyword : SpecRules.PYTHON_KEYWORDS) {
            assertThatThrownBy(() -> Identifiers.parameterName(keyword, "t"))
                    .as(keyword).isInstanceOf(Failure.class);
        }
    }

    @Test
    void noToolMayShadowABuiltinButAParameterMay() throws Exception {
        List<String> builtins = python("dir(builtins)");

        assertThat(builtins).contains("str", "print", "open");
        for (String builtin : builtins) {
            assertThatThrownBy(() -> Identifiers.toolName(builtin)).as(builtin)
                    .isInstanceOf(Failure.class);
        }
        assertThat(Identifiers.parameterName("id", "t")).isEqualTo("id");
    }
}
