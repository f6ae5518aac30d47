package io.agentfoundry.generator.service.bundle;

import io.agentfoundry.platform.bundle.BundleArchive;

import java.util.List;
import java.util.SortedMap;

/**
 * A rendered bundle: its files by path, and what the user should know about it (deprecated tools, tools that a
 * platform cannot load, an MCP server without tools to serve).
 */
public record RenderedBundle(SortedMap<String, byte[]> files, List<String> warnings) {

    public String contentHash() {
        return BundleArchive.contentHash(files);
    }
}
