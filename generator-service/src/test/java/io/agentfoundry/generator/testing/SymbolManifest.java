package io.agentfoundry.generator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * src/test/resources/strands-symbol-manifest.json: the modules, names, constructors and keywords generated code may
 * use. {@link #violations} compares what {@link BundleChecker#symbols} extracted from generated files against it.
 */
public final class SymbolManifest {

    private final JsonNode manifest;
    private final Set<String> thirdParty = new HashSet<>();

    public SymbolManifest() {
        try (InputStream in = SymbolManifest.class.getResourceAsStream("/strands-symbol-manifest.json")) {
            manifest = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        manifest.path("thirdParty").forEach(root -> thirdParty.add(root.asText()));
    }

    public List<String> strandsToolModules() {
        return List.copyOf(strings(manifest.path("modules").path("strands_tools")));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> strings = new LinkedHashSet<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }

    /**
     * What the files use that the manifest does not allow: an unknown module or name, a call of an unlisted
     * third-party callable, too many positional arguments, an unknown keyword, or arguments that cannot be checked.
     *
     * @param symbols per path, the imports and calls that bundle_checker.py extracted
     * @param checked collects the callables and methods that were checked, to show the check saw something
     */
    public List<String> violations(JsonNode symbols, Set<String> checked) {
        List<String> violations = new ArrayList<>();
        symbols.fields().forEachRemaining(file -> {
            String path = file.getKey();
            file.getValue().path("imports").forEach(entry -> checkImport(path, entry, violations));
            file.getValue().path("calls").forEach(call -> checkCall(path, call, violations, checked));
        });
        return violations;
    }

    private void checkImport(String path, JsonNode entry, List<String> violations) {
        String module = entry.path("module").asText();
        List<String> names = new ArrayList<>();
        entry.path("names").forEach(name -> names.add(name.asText()));
        String local = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        if (strings(manifest.path("localPackages")).contains(local) && module.contains(".")) {
            // tools.<name> exports the function <name>
            String expected = module.substring(module.lastIndexOf('.') + 1);
            if (!names.equals(List.of(expected))) {
                violations.add(path + ": from " + module + " import " + names + " (only " + expected + ")");
            }
            return;
        }
        JsonNode allowed = manifest.path("modules").path(module);
        if (allowed.isMissingNode()) {
            violations.add(path + ": imports " + module + ", which is not in the manifest");
            return;
        }
        for (String name : names) {
            if (!strings(allowed).contains(name)) {
                violations.add(path + ": " + module + " has no " + name);
            }
        }
    }

    private void checkCall(String path, JsonNode call, List<String> violations, Set<String> checked) {
        String callee = call.path("callee").asText();
        boolean thirdPartyCall = call.path("resolved").asBoolean() && thirdParty.contains(callee.split("\\.")[0]);
        JsonNode rule = thirdPartyCall ? manifest.path("callables").path(callee)
                : manifest.path("methods").path(callee.substring(callee.lastIndexOf('.') + 1));
        if (rule.isMissingNode()) {
            if (thirdPartyCall) {
                violations.add(path + ": calls " + callee + ", which is not in the manifest");
            }
            return;
        }
        checked.add(callee);
        if (call.path("starred").asBoolean()) {
            violations.add(path + ": " + callee + " is called with *args or **kwargs, which cannot be checked");
        }
        if (call.path("positional").asInt() > rule.path("positional").asInt()) {
            violations.add(path + ": " + callee + " takes at most " + rule.path("positional").asInt()
                    + " positional arguments, got " + call.path("positional").asInt());
        }
        call.path("keywords").forEach(keyword -> {
            // a null keyword is a **mapping, reported above as unverifiable
            if (!keyword.isNull() && !strings(rule.path("keywords")).contains(keyword.asText())) {
                violations.add(path + ": " + callee + " has no keyword " + keyword.asText());
            }
        });
        JsonNode firstArguments = rule.path("firstArgument");
        if (!firstArguments.isMissingNode() && !strings(firstArguments).contains(call.path("first").asText())) {
            violations.add(path + ": " + callee + "(" + call.path("first").asText() + ") is not an allowed use");
        }
    }
}
