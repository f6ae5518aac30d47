package io.agentfoundry.builder.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.BuildableManifestTemplate;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.OciIndexTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.registry.ManifestAndDigest;
import com.google.cloud.tools.jib.registry.RegistryClient;
import io.agentfoundry.builder.config.BuilderConfig;
import io.agentfoundry.builder.service.ImageDescription.Layer;
import io.agentfoundry.builder.service.ImageDescription.PlatformImage;
import io.agentfoundry.platform.bundle.BundleArchive;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an image's manifests and configs without pulling its layers: from a registry, through the registry client jib
 * itself uses (so authentication behaves as in the build), or from a docker-archive tar.
 */
@ApplicationScoped
public class ImageInspector {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_METADATA_BYTES = 4L * 1024 * 1024;

    private final BuilderConfig config;

    ImageInspector(BuilderConfig config) {
        this.config = config;
    }

    /** @param image a tag or a digest reference; an index is read for each platform it lists */
    public ImageDescription inspect(ImageReference image, Optional<Credential> credential)
            throws IOException, RegistryException {
        FailoverHttpClient http = new FailoverHttpClient(config.allowInsecureRegistries(),
                JibSystemProperties.sendCredentialsOverHttp(), event -> {
        });
        try {
            RegistryClient registry = RegistryClient.factory(EventHandlers.NONE, image.getRegistry(),
                            image.getRepository(), http)
                    .setCredential(credential.orElse(null))
                    .newRegistryClient();
            // false: the registry wants basic authentication (ECR, htpasswd) or none at all
            if (!registry.doPullBearerAuth() && credential.isPresent()) {
                registry.configureBasicAuth();
            }
            ManifestAndDigest<ManifestTemplate> top = registry.pullManifest(image.getQualifier());
            List<PlatformImage> images = new ArrayList<>();
            for (String manifestDigest : platformManifestDigests(top)) {
                ManifestTemplate manifest = manifestDigest.equals(top.getDigest().toString())
                        ? top.getManifest() : registry.pullManifest(manifestDigest).getManifest();
                images.add(platformImage(registry, manifest, image));
            }
            return new ImageDescription(image.toString(), top.getDigest().toString(), images);
        } finally {
            http.shutDown();
        }
    }

    public ImageDescription inspectArchive(Path tar) throws IOException {
        Map<String, Long> sizes = new HashMap<>();
        Map<String, byte[]> metadata = new HashMap<>();
        try (TarArchiveInputStream entries =
                     new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
            TarArchiveEntry entry;
            while ((entry = entries.getNextEntry()) != null) {
                sizes.put(entry.getName(), entry.getSize());
                if (entry.getName().endsWith(".json") && entry.getSize() <= MAX_METADATA_BYTES) {
                    metadata.put(entry.getName(), entries.readAllBytes());
                }
            }
        }
        byte[] manifestJson = metadata.get("manifest.json");
        if (manifestJson == null) {
            throw new IOException(tar + " is not a docker-archive (docker save) tar: it has no manifest.json");
        }
        JsonNode manifest = JSON.readTree(manifestJson).path(0);
        byte[] configJson = metadata.get(manifest.path("Config").asText());
        if (configJson == null) {
            throw new IOException(tar + " lacks the image config its manifest.json names");
        }
        JsonNode imageConfig = JSON.readTree(configJson);
        JsonNode diffIds = imageConfig.path("rootfs").path("diff_ids");
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < manifest.path("Layers").size(); i++) {
            String layerFile = manifest.path("Layers").path(i).asText();
            layers.add(new Layer(diffIds.path(i).asText(), sizes.getOrDefault(layerFile, 0L)));
        }
        // a docker-archive has no manifest digest: its image id, the config's digest, identifies it
        return new ImageDescription("docker-archive:" + tar, BundleArchive.fileHash(configJson),
                List.of(new PlatformImage(platformOf(imageConfig), labelsOf(imageConfig), layers)));
    }

    private static List<String> platformManifestDigests(ManifestAndDigest<ManifestTemplate> top) {
        List<String> digests = new ArrayList<>();
        if (top.getManifest() instanceof V22ManifestListTemplate list) {
            for (V22ManifestListTemplate.ManifestDescriptorTemplate entry : list.getManifests()) {
                var platform = entry.getPlatform();
                if (platform != null && isRealPlatform(platform.getOs(), platform.getArchitecture())) {
                    digests.add(entry.getDigest());
                }
            }
        } else if (top.getManifest() instanceof OciIndexTemplate index) {
            for (OciIndexTemplate.ManifestDescriptorTemplate entry : index.getManifests()) {
                var platform = entry.getPlatform();
                if (platform != null && isRealPlatform(platform.getOs(), platform.getArchitecture())) {
                    digests.add(entry.getDigest().toString());
                }
            }
        } else {
            digests.add(top.getDigest().toString());
        }
        return digests;
    }

    /** Build attestations sit in indexes as "unknown/unknown" entries. */
    private static boolean isRealPlatform(String os, String architecture) {
        return os != null && architecture != null && !"unknown".equals(os) && !"unknown".equals(architecture);
    }

    private static PlatformImage platformImage(RegistryClient registry, ManifestTemplate manifest, ImageReference image)
            throws IOException {
        if (!(manifest instanceof BuildableManifestTemplate buildable)) {
            throw new IOException(image + " uses a manifest format the builder does not read ("
                    + manifest.getClass().getSimpleName() + ")");
        }
        DescriptorDigest configDigest = buildable.getContainerConfiguration().getDigest();
        JsonNode imageConfig = JSON.readTree(Blobs.writeToByteArray(registry.pullBlob(configDigest, size -> {
        }, bytes -> {
        })));
        List<Layer> layers = buildable.getLayers().stream()
                .map(layer -> new Layer(layer.getDigest().toString(), layer.getSize()))
                .toList();
        return new PlatformImage(platformOf(imageConfig), labelsOf(imageConfig), layers);
    }

    private static ImagePlatform platformOf(JsonNode imageConfig) {
        return new ImagePlatform(imageConfig.path("os").asText(), imageConfig.path("architecture").asText());
    }

    private static Map<String, String> labelsOf(JsonNode imageConfig) {
        Map<String, String> labels = new LinkedHashMap<>();
        imageConfig.path("config").path("Labels").fields()
                .forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
        return labels;
    }
}
