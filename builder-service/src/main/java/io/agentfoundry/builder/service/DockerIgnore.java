package io.agentfoundry.builder.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The bundle's {@code .dockerignore}, applied the way {@code docker build} applies it, so that the image jib builds
 * holds the same files as one built from the bundle's Dockerfile. A pattern matches a path or any of its parent
 * directories; {@code *} stays within a directory, {@code **} spans any; {@code !} re-includes; the last matching line
 * decides.
 */
record DockerIgnore(List<Rule> rules) {

    static final String FILE = ".dockerignore";

    record Rule(PathMatcher matcher, boolean reincludes) {
    }

    static DockerIgnore of(SortedMap<String, byte[]> bundle) {
        List<Rule> rules = new ArrayList<>();
        byte[] file = bundle.get(FILE);
        if (file != null) {
            for (String line : new String(file, StandardCharsets.UTF_8).split("\r?\n")) {
                String pattern = line.trim();
                if (pattern.isEmpty() || pattern.startsWith("#")) {
                    continue;
                }
                boolean reincludes = pattern.startsWith("!");
                pattern = pattern.substring(reincludes ? 1 : 0).replaceAll("^/+|/+$", "");
                PathMatcher matcher = glob(pattern);
                if (pattern.startsWith("**/")) {
                    // docker's "**/" also matches no directory at all; Java's glob does not
                    PathMatcher atRoot = glob(pattern.substring(3));
                    PathMatcher atAnyDepth = matcher;
                    matcher = path -> atAnyDepth.matches(path) || atRoot.matches(path);
                }
                rules.add(new Rule(matcher, reincludes));
            }
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    /** The files that go into the image. */
    SortedMap<String, byte[]> imageFiles(SortedMap<String, byte[]> bundle) {
        SortedMap<String, byte[]> kept = new TreeMap<>();
        bundle.forEach((path, content) -> {
            if (!excludes(path)) {
                kept.put(path, content);
            }
        });
        return kept;
    }

    boolean excludes(String path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            for (Path prefix = Path.of(path); prefix != null; prefix = prefix.getParent()) {
                if (rule.matcher().matches(prefix)) {
                    excluded = !rule.reincludes();
                    break;
                }
            }
        }
        return excluded;
    }
}
