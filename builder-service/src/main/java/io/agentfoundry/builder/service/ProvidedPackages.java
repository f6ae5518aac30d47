package io.agentfoundry.builder.service;

import io.agentfoundry.builder.service.PythonRequirements.Requirement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Python distributions a base image declares it provides, in its {@value #LABEL} label: {@code name==version}
 * entries separated by commas (a version may be left out). Jib cannot run pip, so the base must already have them.
 */
record ProvidedPackages(Map<String, String> versionsByName) {

    static final String LABEL = "io.agentfoundry.python-packages";

    static Optional<ProvidedPackages> fromLabels(Map<String, String> labels) {
        String declared = labels.get(LABEL);
        if (declared == null || declared.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> versions = new LinkedHashMap<>();
        for (String entry : declared.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] nameAndVersion = entry.split("==", 2);
            versions.put(PythonRequirements.normalize(nameAndVersion[0]),
                    nameAndVersion.length == 2 ? nameAndVersion[1].trim() : "");
        }
        return Optional.of(new ProvidedPackages(Map.copyOf(versions)));
    }

    List<String> missing(List<Requirement> required) {
        return required.stream().map(Requirement::name).filter(name -> !versionsByName.containsKey(name))
                .distinct().toList();
    }

    /** Exact pins the base has another version of: worth a warning, since the code was written against the pin. */
    List<String> versionDifferences(List<Requirement> required) {
        return required.stream()
                .filter(requirement -> requirement.pinnedVersion().isPresent())
                .filter(requirement -> {
                    String provided = versionsByName.getOrDefault(requirement.name(), "");
                    return !provided.isEmpty() && !provided.equals(requirement.pinnedVersion().get());
                })
                .map(requirement -> requirement.name() + ": requirements.txt pins " + requirement.pinnedVersion().get()
                        + ", the base has " + versionsByName.get(requirement.name()))
                .toList();
    }

    String describe() {
        return versionsByName.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getValue().isEmpty() ? entry.getKey() : entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
