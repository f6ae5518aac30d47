package io.agentfoundry.builder.service;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import io.agentfoundry.builder.config.BuilderConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/** Which registry an image goes to and with which credentials: a plain OCI registry, ECR, or none (a tar on disk). */
@ApplicationScoped
public class RegistryAccess {

    private final BuilderConfig config;
    private final EcrRegistry ecr;

    RegistryAccess(BuilderConfig config, EcrRegistry ecr) {
        this.config = config;
        this.ecr = ecr;
    }

    /** Credentials are configured for the push registry only; a base image elsewhere is pulled anonymously. */
    public Optional<Credential> credentialFor(String registryHost) {
        if (config.registry().filter(registryHost::equals).isEmpty()) {
            return Optional.empty();
        }
        if (ecr.isTarget()) {
            return Optional.of(ecr.credential());
        }
        return config.registryUsername()
                .map(username -> Credential.from(username, config.registryPassword().orElse("")));
    }

    /** Makes sure the target can receive the image (on ECR: its repository exists) and says where it goes. */
    public PushTarget prepareTarget(String repository, String tag, BuildLog log) {
        if (config.registry().isEmpty()) {
            try {
                Files.createDirectories(config.outputDir());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the image output directory " + config.outputDir(), e);
            }
            return new PushTarget.Archive(
                    config.outputDir().resolve(repository.replace('/', '_') + "-" + tag + ".tar").toAbsolutePath(),
                    ImageReference.of(null, repository, tag));
        }
        String registry = config.registry().get();
        if (ecr.isTarget()) {
            ecr.ensureRepository(repository, log);
        }
        return new PushTarget.Registry(ImageReference.of(registry, repository, tag), credentialFor(registry));
    }
}
