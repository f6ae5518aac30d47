package io.agentfoundry.tester.service.judging;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * The JSON paths a test case may expect: {@code $} followed by {@code .name} and {@code [index]} steps, the only form
 * the registry accepts (names {@code [A-Za-z_][A-Za-z0-9_]*}). Such a path is a JSON Pointer in other words.
 */
public final class JsonPaths {

    private JsonPaths() {
    }

    /**
     * {@code $.days[1].high} → {@code /days/1/high}.
     *
     * @throws IllegalArgumentException naming the position where the path leaves the supported form
     */
    public static JsonPointer toPointer(String path) {
        if (path == null || !path.startsWith("$")) {
            throw new IllegalArgumentException("a JSON path must start with $");
        }
        StringBuilder pointer = new StringBuilder();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            int end;
            if (c == '.') {
                end = i + 1;
                while (end < path.length() && isNameChar(path.charAt(end), end == i + 1)) {
                    end++;
                }
                if (end == i + 1) {
                    throw unsupported(path, i + 1, "a name");
                }
                pointer.append('/').append(path, i + 1, end);
            } else if (c == '[') {
                end = i + 1;
                while (end < path.length() && path.charAt(end) >= '0' && path.charAt(end) <= '9') {
                    end++;
                }
                if (end == i + 1 || end >= path.length() || path.charAt(end) != ']') {
                    throw unsupported(path, end, "an index of digits closed by ]");
                }
                pointer.append('/').append(path, i + 1, end);
                end++;
            } else {
                throw unsupported(path, i, ". or [");
            }
            i = end;
        }
        // names cannot hold ~ or /, so nothing needs escaping
        return JsonPointer.compile(pointer.toString());
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
    }

    private static IllegalArgumentException unsupported(String path, int position, String expected) {
        return new IllegalArgumentException("expected " + expected + " at position " + position + " of " + path
                + " (supported: $ followed by .name or [index] steps)");
    }
}
