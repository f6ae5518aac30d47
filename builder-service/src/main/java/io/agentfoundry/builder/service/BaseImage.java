package io.agentfoundry.builder.service;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;

import java.nio.file.Path;
import java.util.Optional;

/** The image an agent image is built on, as inspected before the build. */
public sealed interface BaseImage {

    /** As configured. */
    String reference();

    /** Empty for scratch, which has no config to read. */
    Optional<ImageDescription> description();

    /** Starts jib on this base. */
    JibContainerBuilder startBuild();

    default Optional<String> digest() {
        return description().map(ImageDescription::digest);
    }

    record Scratch() implements BaseImage {

        @Override
        public String reference() {
            return "scratch";
        }

        @Override
        public Optional<ImageDescription> description() {
            return Optional.empty();
        }

        @Override
        public JibContainerBuilder startBuild() {
            return Jib.fromScratch();
        }
    }

    record Archive(Path tar, ImageDescription inspected) implements BaseImage {

        @Override
        public String reference() {
            return "docker-archive:" + tar;
        }

        @Override
        public Optional<ImageDescription> description() {
            return Optional.of(inspected);
        }

        @Override
        public JibContainerBuilder startBuild() {
            return Jib.from(TarImage.at(tar));
        }
    }

    /** Built from {@code configured@<inspected digest>}, so that the build uses exactly the image that was checked. */
    record Registry(ImageReference configured, Optional<Credential> credential, ImageDescription inspected)
            implements BaseImage {

        @Override
        public String reference() {
            return configured.toString();
        }

        @Override
        public Optional<ImageDescription> description() {
            return Optional.of(inspected);
        }

        @Override
        public JibContainerBuilder startBuild() {
            RegistryImage image = RegistryImage.named(configured.withQualifier(inspected.digest()));
            credential.ifPresent(login -> image.addCredential(login.getUsername(), login.getPassword()));
            return Jib.from(image);
        }
    }
}
