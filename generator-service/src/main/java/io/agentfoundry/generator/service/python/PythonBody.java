package io.agentfoundry.generator.service.python;

import java.util.ArrayList;
import java.util.List;

/**
 * A user-supplied tool body as it sits inside its generated function, and as the syntax check sees it: every line
 * indented by four spaces. Lines end only at {@code \r\n}, {@code \r} and {@code \n}, exactly where Python's
 * tokenizer ends them.
 */
public final class PythonBody {

    public static final String INDENT = "    ";

    private PythonBody() {
    }

    public static String indented(String body) {
        List<String> lines = new ArrayList<>(List.of(body.split("\r\n|\r|\n", -1)));
        while (!lines.isEmpty() && isBlank(lines.get(lines.size() - 1))) {
            lines.remove(lines.size() - 1);
        }
        StringBuilder indented = new StringBuilder();
        for (String line : lines) {
            if (!isBlank(line)) {
                indented.append(INDENT).append(line);
            }
            indented.append('\n');
        }
        return indented.toString();
    }

    /** Blank as Python's tokenizer sees it: spaces, tabs and form feeds only (so no indentation is added to it). */
    private static boolean isBlank(String line) {
        return line.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\f');
    }
}
