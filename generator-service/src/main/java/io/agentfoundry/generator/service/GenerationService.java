package io.agentfoundry.generator.service;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventType;
import io.agentfoundry.generator.config.GeneratorConfig;
import io.agentfoundry.generator.domain.GeneratedBundle;
import io.agentfoundry.generator.domain.GeneratedFile;
import io.agentfoundry.platform.bundle.BundleArchive;
import io.agentfoundry.platform.messaging.StepRunner.StepContext;
import io.agentfoundry.platform.service.JobLogger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** The generate step: spec in, stored bundle and {@code CodeGenerated} out. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class GenerationService {

    private final BundleRenderer renderer;
    private final GeneratorConfig config;
    private final JobLogger log;

    GenerationService(BundleRenderer renderer, GeneratorConfig config, JobLogger log) {
        this.renderer = renderer;
        this.config = config;
        this.log = log;
    }

    public CodeGenerated generate(AgentRequested request, StepContext context) {
        UUID jobId = request.jobId();
        SortedMap<String, byte[]> files = renderer.render(jobId, request.spec(), config.version());
        String contentHash = BundleArchive.contentHash(files);

        GeneratedFile.delete("key.jobId", jobId);
        GeneratedBundle.deleteById(jobId);
        files.forEach((path, content) -> {
            GeneratedFile file = new GeneratedFile();
            file.key = new GeneratedFile.Key(jobId, path);
            file.content = content;
            file.sha256 = BundleArchive.fileHash(content);
            file.persist();
        });
        GeneratedBundle bundle = new GeneratedBundle();
        bundle.jobId = jobId;
        bundle.contentHash = contentHash;
        bundle.agentName = request.spec().name();
        bundle.modelId = request.spec().modelId();
        bundle.generatorVersion = config.version();
        bundle.createdAt = Instant.now();
        bundle.persist();
        log.info(jobId, context.step(), "Rendered " + files.size() + " files, " + contentHash);

        return new CodeGenerated(UUID.randomUUID(), jobId, request.eventId(), Instant.now(),
                EventType.CURRENT_SCHEMA_VERSION, context.startedAt(), request.spec(), bundleUrl(jobId), contentHash,
                files.size(), config.version());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<GeneratedBundle> bundle(UUID jobId) {
        return GeneratedBundle.findByIdOptional(jobId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GeneratedFile> files(UUID jobId) {
        return GeneratedFile.ofJob(jobId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<GeneratedFile> file(UUID jobId, String path) {
        return GeneratedFile.findByIdOptional(new GeneratedFile.Key(jobId, path));
    }

    /** The archive, rebuilt from the stored files: byte for byte what any earlier download returned. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<byte[]> archive(UUID jobId) {
        List<GeneratedFile> stored = files(jobId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        stored.forEach(file -> files.put(file.key.path, file.content));
        return Optional.of(BundleArchive.write(files));
    }

    private String bundleUrl(UUID jobId) {
        String base = config.publicUrl().endsWith("/") ? config.publicUrl().substring(0, config.publicUrl().length() - 1)
                : config.publicUrl();
        return base + "/api/generations/" + jobId + "/bundle";
    }
}
