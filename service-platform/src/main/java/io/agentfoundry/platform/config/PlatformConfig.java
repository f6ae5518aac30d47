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

    /**
     * {@code on} in a service that runs a pipeline step: it serves {@code /api/steps/{jobId}} and its log stream. Read
     * when the service is built ({@code StepResource} is left out otherwise).
     */
    @WithName("step-api")
    @WithDefault("off")
    String stepApi();

    Outbox outbox();

    Consumer consumer();

    Step step();

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
        /**
         * Tries of a record whose handling fails for a reason of its own (not an unreachable database), before it is
         * dead-lettered; also the tries of a step's work that fails unexpectedly, before the step fails.
         */
        @WithDefault("3")
        int maxAttempts();

        /** Pause before the second try; doubled for each further try. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /**
         * The longest pause between two tries while the database cannot be reached: consumers wait for it without a
         * limit, backing off up to this.
         */
        @WithDefault("5s")
        Duration maxBackoff();
    }

    interface Step {
        /** Jobs this instance works on at once; further records wait in Kafka. */
        @WithDefault("2")
        int concurrency();

        /**
         * How long a step's lease lasts without renewal. The worker renews it every third of this; once it has
         * expired, another instance (or this service, restarted) takes the step over.
         */
        @WithDefault("30s")
        Duration lease();

        /** How often expired leases are looked for. */
        @WithDefault("5s")
        Duration takeoverInterval();

        /** Leases that expired on the same step before it fails with STEP_CRASHED instead of being taken over. */
        @WithDefault("3")
        int maxCrashes();

        /**
         * On shutdown, how long work in hand may take to finish; leases of work still running then are handed back, so
         * the next instance takes it over at once.
         */
        @WithDefault("10s")
        Duration shutdownGrace();
    }
}
