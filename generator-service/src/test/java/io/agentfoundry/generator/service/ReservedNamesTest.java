package io.agentfoundry.generator.service;

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
        Process process = new ProcessBuilder(SystemPython.EXECUTABLE, "-c",
                "import builtins, keyword; print(' '.join(" + expression + "))").start();
        String names = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).isZero();
        return List.of(names.split(" ")).stream()
                .filter(name -> Identifiers.PYTHON_NAME.matcher(name).matches())
                .toList();
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
