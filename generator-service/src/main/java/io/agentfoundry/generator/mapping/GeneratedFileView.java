package io.agentfoundry.generator.mapping;

import io.agentfoundry.generator.domain.GeneratedFile;

public record GeneratedFileView(String path, long size, String sha256) {

    public static GeneratedFileView of(GeneratedFile file) {
        return new GeneratedFileView(file.key.path, file.content.length, file.sha256);
    }
}
