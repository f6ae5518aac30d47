package io.agentfoundry.builder.testsupport;

import io.agentfoundry.testinfra.LocalRegistry;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import io.agentfoundry.builder.service.ImagePlatform;
import io.agentfoundry.testinfra.images.MultiArchIndex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A tiny stand-in for a runtime base, for tests about what the builder does with a base rather than about running
 * Python: for linux/arm64 and linux/amd64, each with one small layer of its own, labelled like the real runtimes with
 * the Python packages it "provides". Pushed to a local registry once per JVM, as a manifest list.
 */
public final class TestRuntimeBase {

    public static final String REPOSITORY = "test/agent-runtime-base";
    public static final String PYTHON_PACKAGES =
            "fastapi==0.92.0,uvicorn==0.17.6,boto3==1.26.27,strands-agents==1.0.0,strands-agents-tools==0.8.10";

    private static String pushed;

    private TestRuntimeBase() {
    }

    /** @return the base's reference, by tag: {@code host/test/agent-runtime-base:1} */
    public static synchronized String pushTo(LocalRegistry registry) {
        if (pushed == null) {
            String reference = registry.host() + "/" + REPOSITORY + ":1";
            try {
                Map<Platform, String> digests = new LinkedHashMap<>();
                for (String platform : new String[]{"linux/arm64", "linux/amd64"}) {
                    ImagePlatform imagePlatform = ImagePlatform.parse(platform);
                    Path marker = Files.createTempFile("agent-runtime-base", ".txt");
                    Files.writeString(marker, "test base layer for " + platform + "\n");
                    digests.put(imagePlatform.toJib(), Jib.fromScratch()
                            .setPlatforms(Set.of(imagePlatform.toJib()))
                            .addFileEntriesLayer(FileEntriesLayer.builder()
                                    .addEntry(marker, AbsoluteUnixPath.get("/usr/lib/agent-runtime-base.txt")).build())
                            .setLabels(Map.of("io.agentfoundry.python-packages", PYTHON_PACKAGES,
                                    "io.agentfoundry.test-runtime", "true"))
                            .setCreationTime(Instant.EPOCH)
                            .containerize(Containerizer.to(
                                    RegistryImage.named(reference + "-" + imagePlatform.architecture()))
                                    .setAllowInsecureRegistries(true))
                            .getDigest().toString());
                    Files.delete(marker);
                }
                MultiArchIndex.publish(ImageReference.parse(reference), digests, true);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot push the test runtime base to " + reference, e);
            }
            pushed = reference;
        }
        return pushed;
    }
}
