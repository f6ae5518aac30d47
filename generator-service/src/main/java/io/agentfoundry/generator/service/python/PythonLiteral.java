package io.agentfoundry.generator.service.python;

/**
 * Turns any text into a Python string literal that evaluates to exactly that text. The literal is pure printable
 * ASCII: every other character is written as an escape, so nothing a user types (quotes, backslashes, newlines, NUL,
 * U+2028, {@code \N{...}}, surrogates) can end the literal, start a comment, or change how the line is read.
 */
public final class PythonLiteral {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
                        hex(literal.append("\\x"), codePoint, 2);
                    } else if (codePoint <= 0xffff) {
                        // a lone surrogate stays one: Python's str holds it as the same code unit
                        hex(literal.append("\\u"), codePoint, 4);
                    } else {
                        hex(literal.append("\\U"), codePoint, 8);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }

    private static void hex(StringBuilder literal, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            literal.append(HEX[(value >> shift) & 0xf]);
        }
    }
}
