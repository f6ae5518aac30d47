package io.agentfoundry.generator.mapping;

import io.agentfoundry.generator.service.bundle.RenderedBundle;
import io.agentfoundry.platform.bundle.BundleArchive;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A rendered bundle with every file's content (all of them are UTF-8 text). */
public record PreviewView(String contentHash, List<String> warnings, List<PreviewFile> files) {

    public record PreviewFile(String path, long size, String sha256, String content) {
    }

    public static PreviewView of(RenderedBundle bundle) {
        return new PreviewView(bundle.contentHash(), bundle.warnings(), bundle.files().entrySet().stream()
                .map(file -> new PreviewFile(file.getKey(), file.getValue().length,
                        BundleArchive.fileHash(file.getValue()), new String(file.getValue(), StandardCharsets.UTF_8)))
                .toList());
    }
}
