package io.agentfoundry.builder.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the builder reads of an existing image: its digest and, per platform, the config's labels and the layers.
 *
 * @param digest of the manifest or index the reference resolves to; for a docker-archive tar, the image id (the
 *               digest of its config)
 */
public record ImageDescription(String reference, String digest, List<PlatformImage> images) {

    public ImageDescription {
        images = List.copyOf(images);
    }

    public Set<ImagePlatform> platforms() {
        return images.stream().map(PlatformImage::platform).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public Optional<PlatformImage> image(ImagePlatform platform) {
        return images.stream().filter(image -> image.platform().equals(platform)).findFirst();
    }

    /** @param layers in order, base layers first, each with its compressed size */
    public record PlatformImage(ImagePlatform platform, Map<String, String> labels, List<Layer> layers) {

        public PlatformImage {
            labels = Map.copyOf(labels);
            layers = List.copyOf(layers);
        }

        public long compressedSize() {
            return layers.stream().mapToLong(Layer::size).sum();
        }
    }

    public record Layer(String digest, long size) {
    }
}
