package io.agentfoundry.generator.service;

import io.agentfoundry.generator.service.bundle.BundleRenderer;
import io.agentfoundry.generator.service.bundle.BundleRequest;
import io.agentfoundry.generator.service.bundle.RenderedBundle;
import io.agentfoundry.generator.service.python.PythonSyntaxChecker;
import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.CodeGenerated;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.events.ToolBinding;
import io.agentfoundry.generator.config.GeneratorConfig;
import io.agentfoundry.generator.domain.GeneratedBundle;
import io.agentfoundry.generator.domain.GeneratedFile;
import io.agentfoundry.platform.bundle.BundleArchive;
import io.agentfoundry.platform.messaging.StepContext;
import io.agentfoundry.platform.service.JobLogger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The generate step: accepted request in, stored bundle and {@code CodeGenerated} out; and previews without a job. The
 * rendering runs outside any transaction; the bundle is stored with the step's success.
 */
@ApplicationScoped
public class GenerationService {

    private final BundleRenderer renderer;
    private final PythonSyntaxChecker syntax;
    private final GeneratorConfig config;
    private final JobLogger log;

    GenerationService(BundleRenderer renderer, PythonSyntaxChecker syntax, GeneratorConfig config, JobLogger log) {
        this.renderer = renderer;
        this.syntax = syntax;
        this.config = config;
        this.log = log;
    }

    public CodeGenerated generate(AgentRequested request, StepContext context) {
        UUID jobId = request.jobId();
        RenderedBundle rendered = render(BundleRequest.of(request, config.version()));
        rendered.warnings().forEach(warning -> log.warn(jobId, context.step(), warning));
        String contentHash = rendered.contentHash();

        context.onSuccess(() -> store(request, rendered));
        log.info(jobId, context.step(), "Rendered " + rendered.files().size() + " files, " + contentHash);

        return new CodeGenerated(UUID.randomUUID(), jobId, request.eventId(), Instant.now(),
                EventType.CURRENT_SCHEMA_VERSION, context.startedAt(), request.spec(), bundleUrl(jobId), contentHash,
                rendered.files().size(), config.version());
    }

    /** Replaces whatever an earlier attempt stored: the step's own transaction runs this. */
    private void store(AgentRequested request, RenderedBundle rendered) {
        UUID jobId = request.jobId();
        GeneratedFile.delete("key.jobId", jobId);
        GeneratedBundle.deleteById(jobId);
        rendered.files().forEach((path, content) -> {
            GeneratedFile file = new GeneratedFile();
            file.key = new GeneratedFile.Key(jobId, path);
            file.content = content;
            file.sha256 = BundleArchive.fileHash(content);
            file.persist();
        });
        GeneratedBundle bundle = new GeneratedBundle();
        bundle.jobId = jobId;
        bundle.contentHash = rendered.contentHash();
        bundle.agentName = request.spec().name();
        bundle.modelId = request.model().catalogId();
        bundle.modelProvider = request.model().provider();
        bundle.catalogVersion = request.catalogVersion();
        bundle.generatorVersion = config.version();
        bundle.createdAt = Instant.now();
        bundle.persist();
    }

    /** Renders what an accepted request with these bindings would give, without a job; stores nothing. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RenderedBundle preview(AgentSpec spec, ModelBinding model, List<ToolBinding> tools, String catalogVersion) {
        return render(new BundleRequest(null, spec, model, tools, catalogVersion, config.version()));
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

    /** The stored files by path; empty when the job has no bundle. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<SortedMap<String, byte[]>> storedFiles(UUID jobId) {
        List<GeneratedFile> stored = files(jobId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        SortedMap<String, byte[]> files = new TreeMap<>();
        stored.forEach(file -> files.put(file.key.path, file.content));
        return Optional.of(files);
    }

    private RenderedBundle render(BundleRequest request) {
        RenderedBundle rendered = renderer.render(request);
        syntax.requireParsableBodies(request.spec(), rendered);
        return rendered;
    }

    private String bundleUrl(UUID jobId) {
        String base = config.publicUrl().endsWith("/") ? config.publicUrl().substring(0, config.publicUrl().length() - 1)
                : config.publicUrl();
        return base + "/api/generations/" + jobId + "/bundle";
    }
}
