package io.agentfoundry.generator.service.python;

import io.agentfoundry.generator.service.bundle.RenderedBundle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.AgentSpec.CustomTool;
import io.agentfoundry.generator.config.GeneratorConfig;
import io.agentfoundry.platform.domain.Failure;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Checks user-supplied tool bodies with the real Python parser before a job goes on: the one place where user text
 * becomes code, by design. Each check runs {@code python3 -c <check_syntax.py>} on the generated tool file, so the
 * body is judged exactly where it will run.
 */
@Singleton
public class PythonSyntaxChecker {

    /** Where the parser found a problem; line and column are null when Python gave none (e.g. a NUL byte). */
    public record SyntaxProblem(Integer line, Integer column, String message) {
    }

    private static final String SCRIPT = loadScript();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String python;
    private final Duration timeout;

    @Inject
    public PythonSyntaxChecker(GeneratorConfig config) {
        this(config.python().command(), config.python().checkTimeout());
    }

    PythonSyntaxChecker(String python, Duration timeout) {
        this.python = python;
        this.timeout = timeout;
    }

    /**
     * @throws Failure {@code INVALID_PYTHON_BODY}, with the line and column within the body, when a
     *                              custom tool's Python body does not parse
     */
    public void requireParsableBodies(AgentSpec spec, RenderedBundle bundle) {
        for (CustomTool tool : spec.customTools()) {
            if (tool.pythonBody() == null || tool.pythonBody().isBlank()) {
                continue;
            }
            String path = "tools/" + tool.name() + ".py";
            byte[] source = bundle.files().get(path);
            Optional<SyntaxProblem> problem = check(source);
            if (problem.isPresent()) {
                // the body is the end of the file: count back from there to number its lines from 1
                int bodyLines = lineCount(PythonBody.indented(tool.pythonBody()));
                int firstBodyLine = lineCount(new String(source, StandardCharsets.UTF_8)) - bodyLines + 1;
                throw new Failure("INVALID_PYTHON_BODY",
                        "The Python body of custom tool " + tool.name() + " does not parse: "
                                + describe(problem.get(), firstBodyLine));
            }
        }
    }

    /** Parses the source with Python's ast module; empty when it parses. */
    public Optional<SyntaxProblem> check(byte[] source) {
        Process process;
        try {
            // -I: no user site or PYTHON* variables; -W ignore: warnings on stderr are not problems
            process = new ProcessBuilder(python, "-I", "-W", "ignore", "-c", SCRIPT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + python
                    + " to check tool bodies (agentfoundry.generator.python.command): " + e.getMessage(), e);
        }
        CompletableFuture<Void> input = CompletableFuture.runAsync(() -> {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(source);
            } catch (IOException e) {
                // the process ended early: its output says why
            }
        });
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try (InputStream stdout = process.getInputStream()) {
                return stdout.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.of(new SyntaxProblem(null, null,
                        "Python did not finish parsing it within " + timeout.toSeconds() + " s"));
            }
            input.join();
            String answer = new String(output.join(), StandardCharsets.UTF_8).strip();
            JsonNode problem = JSON.readTree(answer);
            if (process.exitValue() != 0 || problem == null || !problem.isObject()) {
                throw new IllegalStateException(python + " could not check the syntax: " + answer);
            }
            return problem.isEmpty() ? Optional.empty() : Optional.of(new SyntaxProblem(
                    problem.path("line").isInt() ? problem.path("line").asInt() : null,
                    problem.path("column").isInt() ? problem.path("column").asInt() : null,
                    problem.path("message").asText()));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while checking Python syntax", e);
        } catch (IOException e) {
            throw new IllegalStateException(python + " gave no readable answer", e);
        }
    }

    private static String describe(SyntaxProblem problem, int firstBodyLine) {
        if (problem.line() == null) {
            return problem.message();
        }
        int line = problem.line() - firstBodyLine + 1;
        if (line < 1) {
            return "line " + problem.line() + " of the generated file: " + problem.message();
        }
        String column = problem.column() == null ? ""
                : ", column " + Math.max(1, problem.column() - PythonBody.INDENT.length());
        return "line " + line + column + ": " + problem.message();
    }

    private static int lineCount(String text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    private static String loadScript() {
        try (InputStream in = PythonSyntaxChecker.class.getResourceAsStream("/python/check_syntax.py")) {
            if (in == null) {
                throw new IllegalStateException("python/check_syntax.py is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
