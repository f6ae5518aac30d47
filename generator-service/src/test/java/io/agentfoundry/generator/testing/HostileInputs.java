package io.agentfoundry.generator.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Seeded random inputs for the hostile-spec tests: hostile text (quotes, triple quotes, backslashes, {@code \N{...}} and
 * {@code \\u} sequences, NUL and other controls, line and paragraph separators, braces, Qute-like {@code {x}} text,
 * comment starters, lone surrogates, very long runs) with a canary word inside, and the few combinators the tests need.
 *
 * <p>Every case draws from its own {@link SplittableRandom}, derived from the run's seed, the property's name and the
 * case's index, so a case is the same whatever else runs. The seed is {@value #DEFAULT_SEED} unless
 * {@code -Dhostile.seed=N} says otherwise; {@code -Dhostile.case=I} runs case I alone. {@link #where()} names both,
 * for assertion messages.
 */
public final class HostileInputs {

    public static final long DEFAULT_SEED = 20_261_124L;
    public static final long SEED = Long.getLong("hostile.seed", DEFAULT_SEED);
    private static final Integer ONLY_CASE = Integer.getInteger("hostile.case");

    public static final String CANARY = "QxCanaryQx";
    public static final List<String> FRAGMENTS = List.of(
            "\"", "'", "\"\"\"", "'''", "\\", "\\\\", "\\N{BULLET}", "\\N{", "\\u0041", "\\U0001F600", "\\x00",
            "\u0000", "\u2028", "\u2029", "\r", "\n", "\r\n", "\t", "\f", "\u000b", "\u0085", "\u001c", "\u202e", "\ufeff",
            "\ud800", "\udfff", "\ud83d\ude00", "{", "}", "{x}", "{agent.name}", "{#if true}", "{/if}", "{|", "|}",
            "{{", "}}", "#", "# comment", "$", "${HOME}", "%s", "import os", "\"); __import__('os').system('id'); (\"",
            "\"\"\" + __import__('os').getcwd() + \"\"\"", "\\\"", "'''\n", "é", "日本", "\u0301", "\u200b");

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final SplittableRandom random;
    private final String property;
    private final int index;

    private HostileInputs(String property, int index) {
        this.property = property;
        this.index = index;
        this.random = new SplittableRandom((SEED * GOLDEN + property.hashCode()) * GOLDEN + index);
    }

    /** The inputs of one case of a property. */
    public static HostileInputs forCase(String property, int index) {
        return new HostileInputs(property, index);
    }

    /** Whether case {@code index} runs: all do, unless {@code -Dhostile.case} picks one. */
    public static boolean selected(int index) {
        return ONLY_CASE == null || ONLY_CASE == index;
    }

    /** Whether every case runs ({@code -Dhostile.case} unset). */
    public static boolean allCases() {
        return ONLY_CASE == null;
    }

    /** The case, and how to run it again, for assertion messages. */
    public String where() {
        return property + " case " + index + " with seed " + SEED + " (rerun it alone: -Dhostile.seed=" + SEED
                + " -Dhostile.case=" + index + ")";
    }

    // ---- combinators

    /** Uniform in [min, max], both included. */
    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** A decimal in [min, max] with two decimal places, as the hostile specs' model settings have always been drawn. */
    public double decimal(double min, double max) {
        return between((int) Math.round(min * 100), (int) Math.round(max * 100)) / 100.0;
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public <T> T of(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    public final <T> T of(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Null with the given probability, otherwise a generated value. */
    public <T> T orNull(double probability, Supplier<T> value) {
        return chance(probability) ? null : value.get();
    }

    /** Picks one generator by weight: {@code weights[i]} for {@code generators[i]}. */
    @SafeVarargs
    public final <T> T frequency(int[] weights, Supplier<T>... generators) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return generators[i].get();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    public <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
        int size = between(minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    /** Up to maxSize elements with distinct keys (an element whose key is taken is drawn again, a few times). */
    public <T> List<T> uniqueList(int maxSize, Supplier<T> element, Function<T, ?> key) {
        int size = between(0, maxSize);
        List<T> list = new ArrayList<>(size);
        Set<Object> keys = new HashSet<>();
        for (int attempts = 0; list.size() < size && attempts < 100 * (size + 1); attempts++) {
            T candidate = element.get();
            if (keys.add(key.apply(candidate))) {
                list.add(candidate);
            }
        }
        return list;
    }

    /** Up to maxLength characters, each drawn from the alphabet. */
    public String chars(String alphabet, int maxLength) {
        int length = between(0, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Up to maxLength UTF-16 code units in [from, to]: any of them, lone surrogates included, for the full range. */
    public String codeUnits(char from, char to, int maxLength) {
        int length = between(0, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) between(from, to));
        }
        return text.toString();
    }

    // ---- hostile text

    /**
     * Text made of hostile fragments and random strings of any UTF-16 code units, with the canary inside; one text in
     * fifty is a very long run (500 to 2,000 repetitions of one to three fragments).
     */
    public String hostileText() {
        List<String> pieces = frequency(new int[] {49, 1},
                () -> list(0, 8, this::piece),
                () -> {
                    List<String> some = list(0, 3, this::piece);
                    some.add(longRun());
                    return some;
                });
        int at = between(0, 8);
        pieces.add(Math.min(at, pieces.size()), CANARY);
        return String.join("", pieces);
    }

    private String piece() {
        return frequency(new int[] {5, 3, 1},
                () -> of(FRAGMENTS),
                () -> codeUnits(Character.MIN_VALUE, Character.MAX_VALUE, 12),
                () -> codeUnits('\u0000', '\u001f', 4));
    }

    private String longRun() {
        return String.join("", list(1, 3, () -> of(FRAGMENTS))).repeat(between(500, 2_000));
    }

    // ---- readable messages

    /**
     * The text quoted, printable ASCII as is and everything else as an escape ({@code \n}, {@code \\u2028}, ...), and
     * cut in the middle when long, so that a failure message shows what the input was.
     */
    public static String excerpt(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder escaped = new StringBuilder(Math.min(text.length(), 300) + 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '"' -> escaped.append("\\\"");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        escaped.append(c);
                    } else {
                        escaped.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        if (escaped.length() > 240) {
            int cut = escaped.length() - 200;
            return '"' + escaped.substring(0, 160) + "…[" + cut + " escaped chars cut; " + text.length()
                    + " UTF-16 units in all]…" + escaped.substring(escaped.length() - 40) + '"';
        }
        return '"' + escaped.toString() + '"';
    }
}
