package io.agentfoundry.generator.mapping;

import io.agentfoundry.generator.domain.GeneratedBundle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record GenerationView(UUID jobId, String agentName, String modelId, String modelProvider,
                             String catalogVersion, String contentHash, String generatorVersion, Instant createdAt,
                             String bundlePath, List<GeneratedFileView> files) {

    public static GenerationView of(GeneratedBundle bundle, List<GeneratedFileView> files) {
        return new GenerationView(bundle.jobId, bundle.agentName, bundle.modelId, bundle.modelProvider,
                bundle.catalogVersion, bundle.contentHash, bundle.generatorVersion, bundle.createdAt,
                "/api/generations/" + bundle.jobId + "/bundle", files);
    }
}
