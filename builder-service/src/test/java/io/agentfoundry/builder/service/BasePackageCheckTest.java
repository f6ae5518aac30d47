package io.agentfoundry.builder.service;

import com.google.cloud.tools.jib.api.ImageReference;
import io.agentfoundry.builder.testsupport.BuilderSettings;
import io.agentfoundry.platform.domain.Failure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasePackageCheckTest {

    private static final ImagePlatform ARM64 = ImagePlatform.parse("linux/arm64");
    private static final ImagePlatform AMD64 = ImagePlatform.parse("linux/amd64");

    private final List<String> warnings = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    };

    @Test
    void aBaseWithoutARequiredPackageFailsNamingEachMissingOne() {
        BaseImage base = base(Map.of(ARM64, "fastapi==0.92.0,uvicorn==0.17.6"));
        assertThatThrownBy(() -> check(true).verify(bundle("fastapi\nstrands-agents==1.62.0\nStrands_Agents_Tools\n"),
                base, Set.of(ARM64), log))
                .isInstanceOfSatisfying(Failure.class, failure -> {
                    assertThat(failure.errorCode()).isEqualTo("BASE_MISSING_PACKAGES");
                    assertThat(failure.getMessage()).startsWith("The base image registry.example/runtime:1 (linux/arm64)"
                            + " does not provide strands-agents, strands-agents-tools, which requirements.txt needs;"
                            + " it provides fastapi 0.92.0, uvicorn 0.17.6.");
                });
    }

    @Test
    void eachPlatformBuiltIsCheckedOnItsOwnLabel() {
        BaseImage base = base(Map.of(ARM64, "fastapi==0.92.0,mcp==1.0", AMD64, "fastapi==0.92.0"));
        assertThatThrownBy(() -> check(true).verify(bundle("fastapi\nmcp\n"), base,
                new LinkedHashSet<>(List.of(ARM64, AMD64)), log))
                .hasMessageContaining("(linux/amd64) does not provide mcp,");
    }

    @Test
    void anotherVersionThanPinnedIsAWarningNotAFailure() {
        check(true).verify(bundle("fastapi==0.115.0\nuvicorn>=0.17\n"),
                base(Map.of(ARM64, "fastapi==0.92.0,uvicorn==0.17.6")), Set.of(ARM64), log);
        assertThat(warnings).containsExactly("Base image linux/arm64 has another version than pinned:"
                + " fastapi: requirements.txt pins 0.115.0, the base has 0.92.0");
    }

    @Test
    void aBaseThatDeclaresNothingFailsUnlessAllowedThenWarns() {
        BaseImage scratch = new BaseImage.Scratch();
        assertThatThrownBy(() -> check(true).verify(bundle("fastapi\n"), scratch, Set.of(ARM64), log))
                .isInstanceOfSatisfying(Failure.class, failure ->
                        assertThat(failure.errorCode()).isEqualTo("BASE_PACKAGES_UNKNOWN"))
                .hasMessageContaining("so nothing shows that it provides fastapi");

        check(false).verify(bundle("fastapi\n"), scratch, Set.of(ARM64), log);
        assertThat(warnings).singleElement().asString()
                .endsWith("Building anyway (agentfoundry.builder.require-base-packages=false).");
    }

    @Test
    void aBundleWithoutRequirementsNeedsNothingFromTheBase() {
        check(true).verify(new TreeMap<>(Map.of("agent.py", new byte[0])), new BaseImage.Scratch(), Set.of(ARM64), log);
        assertThat(warnings).isEmpty();
    }

    private static BasePackageCheck check(boolean requireBasePackages) {
        return new BasePackageCheck(BuilderSettings.of(
                Map.of("agentfoundry.builder.require-base-packages", String.valueOf(requireBasePackages))));
    }

    private static BaseImage base(Map<ImagePlatform, String> pythonPackagesLabel) {
        List<ImageDescription.PlatformImage> images = new ArrayList<>();
        pythonPackagesLabel.forEach((platform, label) -> images.add(new ImageDescription.PlatformImage(platform,
                Map.of(ProvidedPackages.LABEL, label), List.of())));
        return new BaseImage.Registry(ImageReference.of("registry.example", "runtime", "1"), Optional.empty(),
                new ImageDescription("registry.example/runtime:1", "sha256:" + "a".repeat(64), images));
    }

    private static SortedMap<String, byte[]> bundle(String requirements) {
        return new TreeMap<>(Map.of("requirements.txt", requirements.getBytes(StandardCharsets.UTF_8)));
    }
}
