package io.agentfoundry.builder.config;

import io.agentfoundry.builder.service.ImagePlatform;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.config.PlatformConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to start with settings that cannot work together, instead of failing every build later.
 *
 * <p>A build holds its Kafka record unacknowledged and its transaction open for as long as it runs. The messaging
 * connector's throttled commit strategy declares the channel failed (and stops consuming) when a record stays
 * unacknowledged longer than {@code throttled.unprocessed-record-max-age.ms}, and the transaction manager rolls back
 * transactions older than its timeout. So both must outlast the slowest build the deadline allows: the transaction one
 * attempt, the record every attempt of itself and of the records fetched ahead of it.
 */
@ApplicationScoped
class BuilderSettingsCheck {

    static final String CHANNEL = "mp.messaging.incoming.\"" + Topics.CODE_GENERATED + "\".";
    /** Database writes, log lines and retry backoff around an attempt's download and build. */
    static final Duration ATTEMPT_OVERHEAD = Duration.ofSeconds(5);

    void check(@Observes StartupEvent started, BuilderConfig builder, PlatformConfig platform, Config config) {
        List<String> problems = new ArrayList<>(platformProblems(builder));
        Duration attempt = builder.downloadTimeout().plus(builder.buildTimeout()).plus(ATTEMPT_OVERHEAD);
        Duration transactionTimeout = config.getOptionalValue("quarkus.transaction-manager.default-transaction-timeout",
                Duration.class).orElse(Duration.ofSeconds(60));
        if (transactionTimeout.compareTo(attempt) < 0) {
            problems.add("quarkus.transaction-manager.default-transaction-timeout (" + transactionTimeout
                    + ") must be at least download-timeout + build-timeout + " + ATTEMPT_OVERHEAD.toSeconds() + "s = "
                    + attempt + ": a build runs inside its step's transaction");
        }
        recordAgeProblem(attempt, platform.consumer().maxAttempts(),
                channelSetting(config, "max.poll.records", 500), channelSetting(config, "max-queue-size-factor", 2),
                channelSetting(config, "throttled.unprocessed-record-max-age.ms", 60_000))
                .ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("builder-service settings do not work together:\n - "
                    + String.join("\n - ", problems));
        }
    }

    static List<String> platformProblems(BuilderConfig builder) {
        List<String> problems = new ArrayList<>();
        for (String platform : builder.platforms()) {
            try {
                ImagePlatform.parse(platform);
            } catch (IllegalArgumentException e) {
                problems.add("agentfoundry.builder.platforms: " + e.getMessage());
            }
        }
        if (builder.platforms().size() > 1 && builder.registry().isEmpty()) {
            problems.add("agentfoundry.builder.platforms names several platforms, but a docker-archive tar (written"
                    + " when agentfoundry.builder.registry is unset) holds one: set a registry");
        }
        if (builder.platforms().size() > 1 && builder.baseImage().startsWith("docker-archive:")) {
            problems.add("agentfoundry.builder.platforms names several platforms, but a docker-archive base image"
                    + " has one: use a multi-arch base from a registry");
        }
        return problems;
    }

    /**
     * @param maxAgeMillis 0 disables the connector's check, which then cannot conflict
     */
    static Optional<String> recordAgeProblem(Duration attempt, int maxAttempts, long maxPollRecords,
                                             long queueSizeFactor, long maxAgeMillis) {
        long recordsAhead = maxPollRecords * queueSizeFactor;
        Duration longestWait = attempt.multipliedBy(Math.max(1, maxAttempts)).multipliedBy(recordsAhead + 1);
        if (maxAgeMillis == 0 || maxAgeMillis >= longestWait.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(CHANNEL + "throttled.unprocessed-record-max-age.ms (" + maxAgeMillis + ") must be at least "
                + longestWait.toMillis() + ": up to " + recordsAhead + " records (max.poll.records "
                + maxPollRecords + " x max-queue-size-factor " + queueSizeFactor + ") wait ahead of a record, each"
                + " for up to " + Math.max(1, maxAttempts) + " attempts of " + attempt.toSeconds() + "s");
    }

    private static long channelSetting(Config config, String name, long connectorDefault) {
        return config.getOptionalValue(CHANNEL + name, Long.class)
                .or(() -> config.getOptionalValue("mp.messaging.connector.smallrye-kafka." + name, Long.class))
                .orElse(connectorDefault);
    }
}
