package io.agentfoundry.builder.service;

import com.google.cloud.tools.jib.api.Credential;
import io.agentfoundry.builder.config.BuilderConfig;
import io.agentfoundry.platform.domain.Failure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon ECR as the push target: a repository is created on first use with immutable tags, and the registry
 * credentials come from GetAuthorizationToken (user {@code AWS}, the decoded token's password), kept until shortly
 * before they expire.
 */
@ApplicationScoped
public class EcrRegistry {

    private static final Pattern ECR_HOST =
            Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(10);

    private final BuilderConfig config;
    private final Set<String> knownRepositories = ConcurrentHashMap.newKeySet();
    private EcrClient client;
    private Credential credential;
    private Instant renewCredentialAt;

    EcrRegistry(BuilderConfig config) {
        this.config = config;
    }

    /** Whether the configured registry is ECR: said so, or recognised by its host name. */
    public boolean isTarget() {
        return config.registry().isPresent()
                && config.ecr().enabled().orElseGet(() -> ECR_HOST.matcher(config.registry().get()).matches());
    }

    public void ensureRepository(String repository, BuildLog log) {
        if (knownRepositories.contains(repository)) {
            return;
        }
        boolean created = call(() -> {
            try {
                ecr().createRepository(request -> request.registryId(accountId().orElse(null))
                        .repositoryName(repository)
                        .imageTagMutability(ImageTagMutability.IMMUTABLE));
                return true;
            } catch (RepositoryAlreadyExistsException exists) {
                return false;
            }
        });
        log.info(created ? "Created ECR repository " + repository + " with immutable tags"
                : "ECR repository " + repository + " exists");
        knownRepositories.add(repository);
    }

    public synchronized Credential credential() {
        if (credential == null || Instant.now().isAfter(renewCredentialAt)) {
            AuthorizationData authorization = call(() -> ecr().getAuthorizationToken().authorizationData().get(0));
            String userAndPassword = new String(Base64.getDecoder().decode(authorization.authorizationToken()),
                    StandardCharsets.UTF_8);
            int colon = userAndPassword.indexOf(':');
            credential = Credential.from(userAndPassword.substring(0, colon), userAndPassword.substring(colon + 1));
            Instant expiresAt = authorization.expiresAt() != null
                    ? authorization.expiresAt() : Instant.now().plus(Duration.ofHours(1));
            renewCredentialAt = expiresAt.minus(RENEW_BEFORE_EXPIRY);
        }
        return credential;
    }

    /** ECR refusing a request (no permission, invalid name) fails the step; throttling and outages are retried. */
    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (AwsServiceException e) {
            if (e.statusCode() >= 400 && e.statusCode() < 500 && !e.isThrottlingException()) {
                throw new Failure("ECR_REQUEST_REFUSED", "ECR refused the request: "
                        + e.awsErrorDetails().errorMessage(), false, e);
            }
            throw e;
        }
    }

    private synchronized EcrClient ecr() {
        if (client == null) {
            EcrClientBuilder builder = EcrClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(region())
                    // every call ends: an attempt within 30 s, all its attempts within two minutes
                    .overrideConfiguration(override -> override.apiCallAttemptTimeout(Duration.ofSeconds(30))
                            .apiCallTimeout(Duration.ofMinutes(2)));
            config.ecr().endpointOverride().ifPresent(builder::endpointOverride);
            client = builder.build();
        }
        return client;
    }

    private Region region() {
        return config.ecr().region()
                .or(() -> hostPart(2))
                .map(Region::of)
                .orElseGet(() -> DefaultAwsRegionProviderChain.builder().build().getRegion());
    }

    private Optional<String> accountId() {
        return hostPart(1);
    }

    private Optional<String> hostPart(int group) {
        Matcher host = ECR_HOST.matcher(config.registry().orElse(""));
        return host.matches() ? Optional.of(host.group(group)) : Optional.empty();
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
