package io.agentfoundry.generator.service.python;

import io.agentfoundry.generator.service.bundle.BundleRenderer;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.generator.testing.Requests;
import io.agentfoundry.generator.testing.StandaloneRenderer;
import io.agentfoundry.generator.testing.SystemPython;
import io.agentfoundry.platform.domain.Failure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.agentfoundry.generator.testing.Requests.parameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PythonSyntaxCheckerTest {

    private final PythonSyntaxChecker checker = new PythonSyntaxChecker(SystemPython.EXECUTABLE, Duration.ofSeconds(10));
    private final BundleRenderer renderer = StandaloneRenderer.create();

    private void check(String body) {
        AgentSpec spec = Requests.spec("body_agent", "Be brief.", List.of(), List.of(
                Requests.httpTool("fetch", "d", "https://example.com/{q}", "GET", null, parameter("q", "string", "", true)),
                Requests.pythonTool("compute", "Computes.", body, parameter("x", "integer", "x", true))),
                null, null, null);
        checker.requireParsableBodies(spec, renderer.render(Requests.request(spec, Requests.bedrock())));
    }

    @Test
    void aBodyThatParsesPasses() {
        check("if x > 1:\n    return 'big'\nreturn 'small'\n");
    }

    @Test
    void aBodyThatDoesNotParseFailsTheStepWithItsOwnLineAndColumn() {
        assertThatThrownBy(() -> check("value = x * 2\nreturn value +\n"))
                .isInstanceOf(Failure.class)
                .hasMessage("The Python body of custom tool compute does not parse: line 2, column 15: invalid syntax")
                .extracting(failure -> ((Failure) failure).errorCode())
                .isEqualTo("INVALID_PYTHON_BODY");
    }

    @Test
    void aBodyIndentedAgainstItselfIsCaughtWhereItWillRun() {
        assertThatThrownBy(() -> check("value = 1\n        return value\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("unexpected indent");
    }

    @Test
    void aNulByteIsReportedWithoutALine() {
        assertThatThrownBy(() -> check("return '\u0000'"))
                .hasMessageContaining("does not parse")
                .hasMessageContaining("null bytes");
    }

    @Test
    void checksTheExactBytesOfAFile() {
        assertThat(checker.check("x = 1\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(checker.check("x = (\n".getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(problem ->
                assertThat(problem.line()).isEqualTo(1));
    }

    @Test
    void aMissingInterpreterIsAnInfrastructureErrorNotABadBody() {
        PythonSyntaxChecker missing = new PythonSyntaxChecker("/nonexistent/python3", Duration.ofSeconds(1));

        assertThatThrownBy(() -> missing.check(new byte[0])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("agentfoundry.generator.python.command");
    }
}
