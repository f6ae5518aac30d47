package io.agentfoundry.generator.service;

/**
 * Turns any text into a Python string literal that evaluates to exactly that text. The literal is pure printable
 * ASCII: every other character is written as an escape, so nothing a user types (quotes, backslashes, newlines, NUL,
 * U+2028, {@code \N{...}}, surrogates) can end the literal, start a comment, or change how the line is read.
 */
public final class PythonLiteral {

    private PythonLiteral() {
    }

    public static String of(String text) {
        if (text == null) {
            return "None";
        }
        StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            switch (codePoint) {
                case '\\' -> literal.append("\\\\");
                case '"' -> literal.append("\\\"");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    if (codePoint >= 0x20 && codePoint < 0x7f) {
                        literal.append((char) codePoint);
                    } else if (codePoint <= 0xff) {
                        literal.append(String.format("\\x%02x", codePoint));
                    } else if (codePoint <= 0xffff) {
                        literal.append(String.format("\\u%04x", codePoint));
                    } else {
                        literal.append(String.format("\\U%08x", codePoint));
                    }
                }
            }
        }
        return literal.append('"').toString();
    }
}
