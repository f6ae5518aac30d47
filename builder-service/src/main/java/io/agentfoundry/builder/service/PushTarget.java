package io.agentfoundry.builder.service;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import io.agentfoundry.events.ImageBuilt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Where a built image goes: a registry, or a docker-archive tar on disk when no registry is configured. */
public sealed interface PushTarget {

    /** {@code registry/repository:tag}, or {@code docker-archive:<path>}. */
    String reference();

    Containerizer containerizer();

    /** Reads back what was written, for its layers and sizes. */
    ImageDescription inspectBuilt(ImageInspector inspector, String digest) throws IOException, RegistryException;

    record Registry(ImageReference image, Optional<Credential> credential) implements PushTarget {

        @Override
        public String reference() {
            return image.toString();
        }

        @Override
        public Containerizer containerizer() {
            RegistryImage registryImage = RegistryImage.named(image);
            credential.ifPresent(login -> registryImage.addCredential(login.getUsername(), login.getPassword()));
            return Containerizer.to(registryImage);
        }

        @Override
        public ImageDescription inspectBuilt(ImageInspector inspector, String digest)
                throws IOException, RegistryException {
            return inspector.inspect(image.withQualifier(digest), credential);
        }
    }

    /** A docker-archive holds one platform; {@code name} is what {@code docker load} tags it as. */
    record Archive(Path tar, ImageReference name) implements PushTarget {

        @Override
        public String reference() {
            return ImageBuilt.DOCKER_ARCHIVE + tar;
        }

        @Override
        public Containerizer containerizer() {
            return Containerizer.to(TarImage.at(tar).named(name));
        }

        @Override
        public ImageDescription inspectBuilt(ImageInspector inspector, String digest) throws IOException {
            return inspector.inspectArchive(tar);
        }
    }
}
