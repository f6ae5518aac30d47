package io.agentfoundry.builder.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.RegistryException;
import io.agentfoundry.builder.config.BuilderConfig;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.platform.bundle.BundleArchive;
import io.agentfoundry.platform.domain.Failure;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * One agent image, from a downloaded bundle to an image in the target: inspect the base, check that it provides the
 * bundle's Python packages and platforms, prepare the target (on ECR: the repository), build and push with jib (the
 * bundle's files but those its .dockerignore leaves out), and read the result back for its layers. Runs on the
 * build's own threads, under its deadline.
 */
@ApplicationScoped
public class AgentImageBuild {

    private static final String DOCKER_ARCHIVE = "docker-archive:";
    /** Map keys sorted, so that the same spec always hashes the same. */
    private static final ObjectMapper CANONICAL_JSON = EventCodec.mapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final BuilderConfig config;
    private final ImageInspector inspector;
    private final BasePackageCheck packageCheck;
    private final RegistryAccess registries;
    private final JibImageBuilder images;
    private final Set<ImagePlatform> platforms;

    AgentImageBuild(BuilderConfig config, ImageInspector inspector, BasePackageCheck packageCheck,
                    RegistryAccess registries, JibImageBuilder images) {
        this.config = config;
        this.inspector = inspector;
        this.packageCheck = packageCheck;
        this.registries = registries;
        this.images = images;
        this.platforms = config.platforms().stream().map(ImagePlatform::parse)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** @param digest of the pushed manifest, or of the index for several platforms */
    public record Result(String reference, String digest, BaseImage base, ImageDescription built) {
    }

    /** In the configured order; the first is the one whose size is reported. */
    public Set<ImagePlatform> platforms() {
        return platforms;
    }

    public Result run(CodeGenerated generated, SortedMap<String, byte[]> bundle, String repository, String tag,
                      ExecutorService threads, BuildLog log) throws Exception {
        BaseImage base = inspectBase();
        String pinned = base.digest().filter(digest -> !base.reference().endsWith(digest))
                .map(digest -> "@" + digest).orElse("");
        log.info("Base image " + base.reference() + pinned
                + base.description().map(description -> " provides " + names(description.platforms())).orElse(""));
        requirePlatforms(base);
        packageCheck.verify(bundle, base, platforms, log);

        SortedMap<String, byte[]> imageFiles = DockerIgnore.of(bundle).imageFiles(bundle);
        if (imageFiles.size() < bundle.size()) {
            log.info("Left out of the image, as the bundle's " + DockerIgnore.FILE + " says: " + String.join(", ",
                    bundle.keySet().stream().filter(path -> !imageFiles.containsKey(path)).toList()));
        }
        PushTarget target = registries.prepareTarget(repository, tag, log);
        BuildProgress progress = new BuildProgress(log);
        String digest = images.build(imageFiles, base, target, platforms, labels(generated, base), threads, progress);
        ImageDescription built = target.inspectBuilt(inspector, digest);
        if (target instanceof PushTarget.Registry) {
            log.info(progress.summary(built));
        }
        return new Result(target.reference(), digest, base, built);
    }

    private BaseImage inspectBase() throws IOException, InvalidImageReferenceException {
        String configured = config.baseImage();
        if ("scratch".equals(configured)) {
            return new BaseImage.Scratch();
        }
        if (configured.startsWith(DOCKER_ARCHIVE)) {
            Path tar = Path.of(configured.substring(DOCKER_ARCHIVE.length()));
            return new BaseImage.Archive(tar, inspector.inspectArchive(tar));
        }
        ImageReference reference = ImageReference.parse(configured);
        Optional<Credential> credential = registries.credentialFor(reference.getRegistry());
        try {
            return new BaseImage.Registry(reference, credential, inspector.inspect(reference, credential));
        } catch (RegistryException e) {
            throw new Failure("BASE_IMAGE_UNAVAILABLE",
                    "Cannot read the base image " + configured + ": " + e.getMessage(), true, e);
        }
    }

    /** Scratch can be any platform; an image gives only the platforms it was built for. */
    private void requirePlatforms(BaseImage base) {
        base.description().ifPresent(description -> {
            List<ImagePlatform> unavailable = platforms.stream()
                    .filter(platform -> description.image(platform).isEmpty()).toList();
            if (!unavailable.isEmpty()) {
                throw new Failure("BASE_PLATFORM_UNAVAILABLE", "The base image " + base.reference()
                        + " has no " + names(unavailable) + " image; it provides " + names(description.platforms()));
            }
        });
    }

    private static Map<String, String> labels(CodeGenerated generated, BaseImage base) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", generated.spec().name());
        if (generated.spec().description() != null) {
            labels.put("org.opencontainers.image.description", generated.spec().description());
        }
        labels.put("org.opencontainers.image.source", generated.bundleUrl());
        labels.put("org.opencontainers.image.base.name", base.reference());
        base.digest().ifPresent(digest -> labels.put("org.opencontainers.image.base.digest", digest));
        labels.put("io.agentfoundry.job-id", generated.jobId().toString());
        labels.put("io.agentfoundry.spec-hash", specHash(generated.spec()));
        labels.put("io.agentfoundry.bundle-hash", generated.contentHash());
        labels.put("io.agentfoundry.generator-version", generated.generatorVersion());
        return labels;
    }

    static String specHash(AgentSpec spec) {
        try {
            return BundleArchive.fileHash(CANONICAL_JSON.writeValueAsBytes(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the spec", e);
        }
    }

    private static String names(Collection<ImagePlatform> platforms) {
        return platforms.stream().map(ImagePlatform::toString).collect(Collectors.joining(", "));
    }
}
