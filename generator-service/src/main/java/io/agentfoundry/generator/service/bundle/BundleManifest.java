package io.agentfoundry.generator.service.bundle;

import io.agentfoundry.generator.service.source.AgentSource;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.events.ToolBinding;
import io.agentfoundry.platform.bundle.BundleArchive;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The bundle's {@code agentfoundry-manifest.json}: what the bundle was made from (the spec, the catalog's bindings and
 * the versions of catalog, generator and pins) and the SHA-256 of every other file. Written byte for byte the same for
 * the same input: keys in a fixed order, {@code \n} line ends, ASCII only.
 */
final class BundleManifest {

    static final String PATH = "agentfoundry-manifest.json";

    private static final ObjectWriter WRITER = writer();

    private BundleManifest() {
    }

    /** What the manifest holds; {@code files} maps each other file's path to its hash. */
    record Manifest(String agentName, String jobId, String generatorVersion, String catalogVersion, String pinsVersion,
                    String baseImage, ModelBinding model, List<ToolBinding> tools, AgentSpec spec,
                    Map<String, String> files) {
    }

    static byte[] of(BundleRequest request, AgentSource agent, SortedMap<String, byte[]> files) {
        Map<String, String> hashes = new TreeMap<>();
        files.forEach((path, content) -> hashes.put(path, BundleArchive.fileHash(content)));
        Manifest manifest = new Manifest(agent.name(), agent.jobLabel(), agent.generatorVersion(),
                agent.catalogVersion(), agent.pinsVersion(), agent.baseImage(), request.model(), request.tools(),
                request.spec(), hashes);
        try {
            byte[] json = WRITER.writeValueAsBytes(manifest);
            byte[] withNewline = Arrays.copyOf(json, json.length + 1);
            withNewline[json.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the bundle manifest", e);
        }
    }

    private static ObjectWriter writer() {
        ObjectMapper mapper = EventCodec.mapper()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        mapper.getFactory().configure(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
        DefaultIndenter newlines = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator(""))
                .withObjectIndenter(newlines)
                .withArrayIndenter(newlines);
        return mapper.writer(printer);
    }
}
