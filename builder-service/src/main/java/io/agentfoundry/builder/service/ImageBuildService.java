package io.agentfoundry.builder.service;

import io.agentfoundry.builder.config.BuilderConfig;
import io.agentfoundry.builder.domain.ImageBuild;
import io.agentfoundry.builder.domain.ImageBuild.LayerRecord;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.platform.messaging.StepContext;
import io.agentfoundry.platform.service.JobLogger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/**
 * The build step: bundle in, image and {@code ImageBuilt} out. After the download, the build runs on threads of its
 * own under its deadline, and stops when the job is cancelled; then the step records it with its success and emits the
 * event. Nothing of it holds a transaction open.
 */
@ApplicationScoped
public class ImageBuildService {

    private final BuilderConfig config;
    private final BundleDownloader downloader;
    private final AgentImageBuild imageBuild;
    private final BuildSupervisor supervisor;
    private final JobLogger jobLogger;

    ImageBuildService(BuilderConfig config, BundleDownloader downloader, AgentImageBuild imageBuild,
                      BuildSupervisor supervisor, JobLogger jobLogger) {
        this.config = config;
        this.downloader = downloader;
        this.imageBuild = imageBuild;
        this.supervisor = supervisor;
        this.jobLogger = jobLogger;
    }

    public ImageBuilt build(CodeGenerated generated, StepContext context) {
        UUID jobId = generated.jobId();
        BuildLog log = BuildLog.of(jobLogger, jobId, context.step());
        Instant start = Instant.now();
        SortedMap<String, byte[]> bundle = downloader.download(generated.bundleUrl(), generated.contentHash());
        log.info("Downloaded bundle " + generated.contentHash() + " (" + bundle.size() + " files)");

        String repository = config.repositoryPrefix() + "/" + generated.spec().name().toLowerCase(Locale.ROOT);
        String tag = jobId.toString(); // one job, one tag, never rewritten to another image; never "latest"
        AgentImageBuild.Result result = supervisor.run(jobId, context::cancelled,
                threads -> imageBuild.run(generated, bundle, repository, tag, threads, log));
        Duration took = Duration.between(start, Instant.now());
        List<String> platforms = imageBuild.platforms().stream().map(ImagePlatform::toString).toList();
        ImagePlatform primary = imageBuild.platforms().iterator().next();
        long size = result.built().image(primary).map(ImageDescription.PlatformImage::compressedSize).orElse(0L);
        log.info("Built " + result.reference() + "@" + result.digest() + " for " + String.join(", ", platforms)
                + " in " + took.toMillis() + " ms (" + primary + ": " + BuildProgress.bytes(size) + " compressed)");

        ImageBuild record = new ImageBuild();
        record.jobId = jobId;
        record.imageReference = result.reference();
        record.repository = repository;
        record.tag = tag;
        record.digest = result.digest();
        record.platforms = String.join(",", platforms);
        record.bundleHash = generated.contentHash();
        record.baseImage = result.base().reference();
        record.baseDigest = result.base().digest().orElse(null);
        record.sizeBytes = size;
        record.layers = layerRecords(result);
        record.durationMs = took.toMillis();
        record.builtAt = Instant.now();
        // replaces an earlier attempt's row, if any
        context.onSuccess(() -> ImageBuild.getEntityManager().merge(record));

        return new ImageBuilt(UUID.randomUUID(), jobId, generated.eventId(), Instant.now(),
                EventType.CURRENT_SCHEMA_VERSION, context.startedAt(), generated.spec(), result.reference(),
                result.digest(), platforms, generated.contentHash(), repository, tag, size, record.baseImage,
                record.baseDigest);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ImageBuild> find(UUID jobId) {
        return ImageBuild.findByIdOptional(jobId);
    }

    /** jib puts the base's layers first, then the agent's: a layer's position says where it came from. */
    private static List<LayerRecord> layerRecords(AgentImageBuild.Result result) {
        List<LayerRecord> layers = new ArrayList<>();
        for (ImageDescription.PlatformImage image : result.built().images()) {
            int baseLayerCount = result.base().description().flatMap(description -> description.image(image.platform()))
                    .map(baseImage -> baseImage.layers().size()).orElse(0);
            for (int i = 0; i < image.layers().size(); i++) {
                ImageDescription.Layer layer = image.layers().get(i);
                layers.add(new LayerRecord(image.platform().toString(), layer.digest(), layer.size(),
                        i < baseLayerCount));
            }
        }
        return layers;
    }
}
