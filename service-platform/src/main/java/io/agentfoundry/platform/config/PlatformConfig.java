package io.agentfoundry.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/** Settings of the plumbing every service shares. */
@ConfigMapping(prefix = "agentfoundry.platform")
public interface PlatformConfig {

    /** The service's name: CloudEvent source, consumer-group id, dead-letter topic suffix. */
    @WithName("service-name")
    @WithDefault("${quarkus.application.name}")
    String serviceName();

    Outbox outbox();

    Consumer consumer();

    interface Outbox {
        /** Most events relayed in one round. */
        @WithDefault("200")
        int batchSize();

        /**
         * The relay is woken by every commit that wrote to the outbox; this interval only catches rows left by a
         * crash or by a Kafka outage.
         */
        @WithDefault("2s")
        Duration sweepInterval();

        /** How long a round waits for Kafka to acknowledge before trying again later. */
        @WithDefault("30s")
        Duration sendTimeout();
    }

    interface Consumer {
        /** Tries of a handler that fails with an unexpected error, before the record is dead-lettered. */
        @WithDefault("3")
        int maxAttempts();

        /** Pause before the second try; doubled for each further try. */
        @WithDefault("200ms")
        Duration initialBackoff();
    }
}
