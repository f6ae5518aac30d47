package io.agentfoundry.generator.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.BufferedReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Long-lived {@code python3 bundle_checker.py} processes (src/test/resources/python) that check many bundles with
 * Python's own ast module; see the script for what they check. A {@link Batch} spreads bundles over the processes, so
 * that Java renders the next bundle while Python parses the last ones. Not thread-safe.
 */
public final class BundleChecker implements AutoCloseable, AfterAllCallback {

    /** A literal the generated code must evaluate to exactly: a string, or a map of strings for a dict literal. */
    public record Expectation(String path, String kind, String name, Object value) {

        public static Expectation assignment(String path, String name, Object value) {
            return new Expectation(path, "assign", name, value);
        }

        public static Expectation docstring(String path, String function, String value) {
            return new Expectation(path, "docstring", function, value);
        }
    }

    // ASCII-only JSON keeps lone surrogates intact: they travel as escapes that Python decodes to the same code units
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private final List<Checker> checkers = new ArrayList<>();

    public BundleChecker() {
        this(1);
    }

    public BundleChecker(int processes) {
        for (int i = 0; i < processes; i++) {
            checkers.add(new Checker());
        }
    }

    /** Every problem found: unparsable files, unmet expectations, forbidden text outside string literals. */
    public List<String> check(SortedMap<String, byte[]> files, List<Expectation> expectations, List<String> forbidden) {
        Batch batch = batch();
        batch.submit(files, expectations, forbidden);
        return batch.problems().get(0);
    }

    /** Imports and calls of every .py file, by path. */
    public JsonNode symbols(SortedMap<String, byte[]> files) {
        Checker checker = checkers.get(0);
        checker.send(Map.of("mode", "symbols", "files", files));
        return checker.receive().path("files");
    }

    public Batch batch() {
        return new Batch();
    }

    /** Bundles checked side by side: submit each as soon as it is rendered, then collect the answers in order. */
    public final class Batch {

        private final List<Checker> order = new ArrayList<>();

        public void submit(SortedMap<String, byte[]> files, List<Expectation> expectations, List<String> forbidden) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("mode", "check");
            // bytes travel as base64 (Jackson's encoding of byte[]), so Python parses exactly what was rendered
            request.put("files", files);
            request.put("expect", expectations);
            request.put("forbidden", forbidden);
            Checker checker = checkers.get(order.size() % checkers.size());
            checker.send(request);
            order.add(checker);
        }

        /** The problems of each submitted bundle, in submission order. */
        public List<List<String>> problems() {
            List<List<String>> problems = new ArrayList<>();
            for (Checker checker : order) {
                List<String> found = new ArrayList<>();
                checker.receive().path("problems").forEach(problem -> found.add(problem.asText()));
                problems.add(found);
            }
            order.clear();
            return problems;
        }
    }

    /** As a class's {@code @RegisterExtension static} field: one python3 for the class, stopped after it. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        checkers.forEach(Checker::close);
    }

    /** One Python process: requests and answers are JSON lines, answered in order. */
    private static final class Checker {

        private final Process process;
        private final OutputStream requests;
        private final BufferedReader answers;

        Checker() {
            try {
                Path script = Path.of(BundleChecker.class.getResource("/python/bundle_checker.py").toURI());
                process = new ProcessBuilder(SystemPython.EXECUTABLE, "-I", "-u", script.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
            } catch (IOException | URISyntaxException e) {
                throw new IllegalStateException("Cannot start " + SystemPython.EXECUTABLE
                        + "; run scripts/install-prerequisites.sh", e);
            }
            requests = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        void send(Object request) {
            try {
                JSON.writeValue(requests, request);
                requests.write('\n');
                requests.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("bundle_checker.py stopped reading", e);
            }
        }

        JsonNode receive() {
            try {
                String answer = answers.readLine();
                if (answer == null) {
                    throw new IllegalStateException("bundle_checker.py ended (exit " + process.waitFor() + ")");
                }
                return JSON.readTree(answer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void close() {
            try {
                requests.close();
                process.waitFor();
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
