package io.agentfoundry.builder.service;

import io.agentfoundry.builder.domain.ImageBuild;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.ImageBuilt;
import io.agentfoundry.platform.messaging.StepRunner.StepContext;
import io.agentfoundry.platform.service.JobLogger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/** The build step: bundle in, image and {@code ImageBuilt} out. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class ImageBuildService {

    private final BundleDownloader downloader;
    private final JibImageBuilder images;
    private final JobLogger log;

    ImageBuildService(BundleDownloader downloader, JibImageBuilder images, JobLogger log) {
        this.downloader = downloader;
        this.images = images;
        this.log = log;
    }

    public ImageBuilt build(CodeGenerated generated, StepContext context) {
        UUID jobId = generated.jobId();
        Instant start = Instant.now();
        SortedMap<String, byte[]> bundle = downloader.download(generated.bundleUrl(), generated.contentHash());
        log.info(jobId, context.step(), "Downloaded bundle " + generated.contentHash() + " (" + bundle.size() + " files)");

        String repository = "agentfoundry/" + generated.spec().name().toLowerCase(Locale.ROOT);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", generated.spec().name());
        labels.put("org.opencontainers.image.source", "agent-foundry");
        labels.put("org.opencontainers.image.version", generated.generatorVersion());
        labels.put("io.agentfoundry.job-id", jobId.toString());
        labels.put("io.agentfoundry.bundle-hash", generated.contentHash());
        JibImageBuilder.BuiltImage image = images.build(bundle, repository, jobId.toString(), labels,
                message -> log.info(jobId, context.step(), message));
        Duration took = Duration.between(start, Instant.now());
        log.info(jobId, context.step(), "Built " + image.reference() + "@" + image.digest() + " in " + took.toMillis() + " ms");

        ImageBuild record = ImageBuild.<ImageBuild>findByIdOptional(jobId).orElseGet(ImageBuild::new);
        record.jobId = jobId;
        record.imageReference = image.reference();
        record.digest = image.digest();
        record.platforms = String.join(",", image.platforms());
        record.bundleHash = generated.contentHash();
        record.baseImage = image.baseImage();
        record.durationMs = took.toMillis();
        record.builtAt = Instant.now();
        record.persist();

        return new ImageBuilt(UUID.randomUUID(), jobId, generated.eventId(), Instant.now(),
                EventType.CURRENT_SCHEMA_VERSION, context.startedAt(), generated.spec(), image.reference(),
                image.digest(), image.platforms(), generated.contentHash());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ImageBuild> find(UUID jobId) {
        return ImageBuild.findByIdOptional(jobId);
    }
}
