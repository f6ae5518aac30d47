package io.agentfoundry.testinfra.images;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.blob.BlobDescriptor;
import com.google.cloud.tools.jib.event.EventHandlers;
import com.google.cloud.tools.jib.hash.Digests;
import com.google.cloud.tools.jib.http.FailoverHttpClient;
import com.google.cloud.tools.jib.image.json.ManifestTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate;
import com.google.cloud.tools.jib.image.json.V22ManifestListTemplate.ManifestDescriptorTemplate;
import com.google.cloud.tools.jib.registry.RegistryClient;

import java.io.IOException;
import java.util.Map;

/**
 * Ties single-platform images that are already in a repository together under one tag, as a manifest list. jib builds
 * multi-platform images only by putting the same layers on each platform's base; images whose own layers differ per
 * platform (a root filesystem) are built one platform at a time and joined here.
 */
public final class MultiArchIndex {

    private MultiArchIndex() {
    }

    /**
     * @param target          where the list goes; must have a tag
     * @param manifestDigests each platform's image manifest, in {@code target}'s repository
     * @return the list's digest
     */
    public static String publish(ImageReference target, Map<Platform, String> manifestDigests,
                                 boolean allowInsecureRegistries) throws IOException, RegistryException {
        FailoverHttpClient http = new FailoverHttpClient(allowInsecureRegistries, false, event -> {
        });
        try {
            RegistryClient registry = RegistryClient.factory(EventHandlers.NONE, target.getRegistry(),
                    target.getRepository(), http).newRegistryClient();
            registry.doPushBearerAuth();
            V22ManifestListTemplate list = new V22ManifestListTemplate();
            for (Map.Entry<Platform, String> platform : manifestDigests.entrySet()) {
                ManifestTemplate manifest = registry.pullManifest(platform.getValue()).getManifest();
                // the list must state each manifest's exact size: re-serialise it and check it hashes as pushed
                BlobDescriptor descriptor = Digests.computeDigest(manifest);
                if (!descriptor.getDigest().toString().equals(platform.getValue())) {
                    throw new IOException("The " + OfflineRuntimeImage.name(platform.getKey()) + " manifest does not re-serialise to "
                            + platform.getValue() + "; cannot state its size in the list");
                }
                ManifestDescriptorTemplate entry = new ManifestDescriptorTemplate();
                entry.setMediaType(manifest.getManifestMediaType());
                entry.setSize(descriptor.getSize());
                entry.setDigest(platform.getValue());
                entry.setPlatform(platform.getKey().getArchitecture(), platform.getKey().getOs());
                list.addManifest(entry);
            }
            return registry.pushManifest(list, target.getTag().orElseThrow(
                    () -> new IllegalArgumentException(target + " has no tag"))).toString();
        } finally {
            http.shutDown();
        }
    }
}
