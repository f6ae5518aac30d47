package io.agentfoundry.builder.service;

import io.agentfoundry.builder.config.BuilderConfig;
import io.agentfoundry.platform.domain.Failure;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Jib cannot run pip, so every Python distribution the bundle's requirements.txt names must already be in the base
 * image. The base says what it has in its {@value ProvidedPackages#LABEL} label; this compares, for each platform
 * built.
 */
@ApplicationScoped
public class BasePackageCheck {

    static final String REQUIREMENTS_FILE = "requirements.txt";

    private final BuilderConfig config;

    BasePackageCheck(BuilderConfig config) {
        this.config = config;
    }

    /**
     * @throws Failure {@code BASE_MISSING_PACKAGES} naming what the base lacks, or
     *                              {@code BASE_PACKAGES_UNKNOWN} when the base declares nothing and
     *                              {@code agentfoundry.builder.require-base-packages} is true
     */
    public void verify(SortedMap<String, byte[]> bundle, BaseImage base, Set<ImagePlatform> platforms, BuildLog log) {
        byte[] file = bundle.get(REQUIREMENTS_FILE);
        if (file == null) {
            log.info("The bundle has no " + REQUIREMENTS_FILE + ": no Python packages to look for in the base image");
            return;
        }
        PythonRequirements requirements = PythonRequirements.parse(new String(file, StandardCharsets.UTF_8));
        requirements.unchecked().forEach(line ->
                log.warn(REQUIREMENTS_FILE + " line not checked against the base image: " + line));
        List<PythonRequirements.Requirement> needed = requirements.distributions();
        if (needed.isEmpty()) {
            return;
        }
        for (ImagePlatform platform : platforms) {
            Optional<ProvidedPackages> provided = base.description()
                    .flatMap(description -> description.image(platform))
                    .flatMap(image -> ProvidedPackages.fromLabels(image.labels()));
            if (provided.isEmpty()) {
                undeclared(base, platform, needed, log);
                continue;
            }
            List<String> missing = provided.get().missing(needed);
            if (!missing.isEmpty()) {
                throw new Failure("BASE_MISSING_PACKAGES", "The base image " + base.reference() + " ("
                        + platform + ") does not provide " + String.join(", ", missing) + ", which " + REQUIREMENTS_FILE
                        + " needs; it provides " + provided.get().describe() + ". Python packages must be in the base"
                        + " image: build one that has them (see runtime-images/) and configure it as the base.");
            }
            provided.get().versionDifferences(needed).forEach(difference ->
                    log.warn("Base image " + platform + " has another version than pinned: " + difference));
            log.info("Base image " + platform + " provides every package " + REQUIREMENTS_FILE + " needs: "
                    + names(needed));
        }
    }

    private void undeclared(BaseImage base, ImagePlatform platform, List<PythonRequirements.Requirement> needed,
                            BuildLog log) {
        String problem = "The base image " + base.reference() + " (" + platform + ") does not declare its Python"
                + " packages (no " + ProvidedPackages.LABEL + " label), so nothing shows that it provides "
                + names(needed) + ".";
        if (config.requireBasePackages()) {
            throw new Failure("BASE_PACKAGES_UNKNOWN", problem + " Use a runtime base image that has the"
                    + " label (see runtime-images/), or set agentfoundry.builder.require-base-packages=false.");
        }
        log.warn(problem + " Building anyway (agentfoundry.builder.require-base-packages=false).");
    }

    private static String names(List<PythonRequirements.Requirement> requirements) {
        return requirements.stream().map(PythonRequirements.Requirement::name).distinct()
                .collect(Collectors.joining(", "));
    }
}
