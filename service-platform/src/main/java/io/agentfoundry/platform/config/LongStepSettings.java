package io.agentfoundry.platform.config;

import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * For steps that can run for minutes (build, deploy, test): whether the settings around them can hold an attempt.
 *
 * <p>A step holds its Kafka record unacknowledged and its transaction open for as long as it runs. The messaging
 * connector's throttled commit strategy declares the channel failed (and stops consuming) when a record stays
 * unacknowledged longer than {@code throttled.unprocessed-record-max-age.ms}, and the transaction manager rolls back
 * transactions older than its timeout. So both must outlast the slowest attempt the step's deadlines allow: the
 * transaction one attempt, the record every attempt of itself and of the records fetched ahead of it.
 */
public final class LongStepSettings {

    /** Database writes, log lines and retry backoff around an attempt's own work. */
    public static final Duration ATTEMPT_OVERHEAD = Duration.ofSeconds(5);

    private LongStepSettings() {
    }

    /**
     * @param inputTopic the step's input channel
     * @param work       the longest an attempt's own work may take, by the service's deadlines
     * @param workIs     how {@code work} is made up, in the service's property names, for the message
     */
    public static List<String> problems(String inputTopic, Duration work, String workIs, PlatformConfig platform,
                                        Config config) {
        List<String> problems = new ArrayList<>();
        Duration attempt = work.plus(ATTEMPT_OVERHEAD);
        Duration transactionTimeout = config.getOptionalValue("quarkus.transaction-manager.default-transaction-timeout",
                Duration.class).orElse(Duration.ofSeconds(60));
        if (transactionTimeout.compareTo(attempt) < 0) {
            problems.add("quarkus.transaction-manager.default-transaction-timeout (" + transactionTimeout
                    + ") must be at least " + workIs + " + " + ATTEMPT_OVERHEAD.toSeconds() + "s = " + attempt
                    + ": the step runs inside its transaction");
        }
        String channel = channelPrefix(inputTopic);
        recordAgeProblem(channel, attempt, platform.consumer().maxAttempts(),
                setting(config, channel, "max.poll.records", 500), setting(config, channel, "max-queue-size-factor", 2),
                setting(config, channel, "throttled.unprocessed-record-max-age.ms", 60_000))
                .ifPresent(problems::add);
        return problems;
    }

    /** Fails start-up with every problem, so that a misconfigured service does not fail each long step later. */
    public static void requireNone(String service, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException(service + " settings do not work together:\n - "
                    + String.join("\n - ", problems));
        }
    }

    /**
     * @param maxAgeMillis 0 disables the connector's check, which then cannot conflict
     */
    public static Optional<String> recordAgeProblem(String channel, Duration attempt, int maxAttempts,
                                                    long maxPollRecords, long queueSizeFactor, long maxAgeMillis) {
        long recordsAhead = maxPollRecords * queueSizeFactor;
        Duration longestWait = attempt.multipliedBy(Math.max(1, maxAttempts)).multipliedBy(recordsAhead + 1);
        if (maxAgeMillis == 0 || maxAgeMillis >= longestWait.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(channel + "throttled.unprocessed-record-max-age.ms (" + maxAgeMillis + ") must be at least "
                + longestWait.toMillis() + ": up to " + recordsAhead + " records (max.poll.records "
                + maxPollRecords + " x max-queue-size-factor " + queueSizeFactor + ") wait ahead of a record, each"
                + " for up to " + Math.max(1, maxAttempts) + " attempts of " + attempt.toSeconds() + "s");
    }

    public static String channelPrefix(String inputTopic) {
        return "mp.messaging.incoming.\"" + inputTopic + "\".";
    }

    private static long setting(Config config, String channel, String name, long connectorDefault) {
        return config.getOptionalValue(channel + name, Long.class)
                .or(() -> config.getOptionalValue("mp.messaging.connector.smallrye-kafka." + name, Long.class))
                .orElse(connectorDefault);
    }
}
