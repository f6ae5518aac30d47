package io.agentfoundry.builder.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distributions a bundle's requirements.txt names, read the way pip reads the lines generated bundles use:
 * {@code name[extras] specifiers ; markers} or {@code name @ url}, comments and line continuations. A line with an
 * environment marker counts as needed (the check cannot evaluate markers, so it errs on the side of asking). Options
 * ({@code -r}, {@code --index-url}) and bare URLs cannot be checked against a base's label: they come back unchecked.
 */
record PythonRequirements(List<Requirement> distributions, List<String> unchecked) {

    /** name, [extras], specifiers (group 2), "@ url", "; marker" */
    private static final Pattern REQUIREMENT = Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)"
            + "\\s*(?:\\[[^\\]]*\\])?\\s*([<>=!~(][^;@]*)?(?:@[^;]*)?(?:;.*)?");
    private static final Pattern EXACT_PIN = Pattern.compile("==\\s*([^,*\\s]+)");
    private static final Pattern NAME_SEPARATORS = Pattern.compile("[-_.]+");

    /** @param pinnedVersion the version of an exact {@code ==} pin, if the line has one */
    record Requirement(String name, Optional<String> pinnedVersion) {
    }

    static PythonRequirements parse(String text) {
        List<Requirement> distributions = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (String line : text.replace("\\\r\n", "").replace("\\\n", "").split("\r?\n")) {
            String requirement = stripComment(line).trim();
            if (requirement.isEmpty()) {
                continue;
            }
            Matcher matcher = REQUIREMENT.matcher(requirement);
            if (requirement.startsWith("-") || !matcher.matches()) {
                unchecked.add(requirement);
                continue;
            }
            String specifiers = matcher.group(2) == null ? "" : matcher.group(2).trim();
            Matcher pin = EXACT_PIN.matcher(specifiers);
            distributions.add(new Requirement(normalize(matcher.group(1)),
                    pin.matches() ? Optional.of(pin.group(1)) : Optional.empty()));
        }
        return new PythonRequirements(List.copyOf(distributions), List.copyOf(unchecked));
    }

    /** PEP 503: names compare case-insensitively, with runs of {@code - _ .} equal. */
    static String normalize(String name) {
        return NAME_SEPARATORS.matcher(name.trim().toLowerCase(Locale.ROOT)).replaceAll("-");
    }

    /** pip: a comment starts at a {@code #} at the start of the line or after whitespace. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
