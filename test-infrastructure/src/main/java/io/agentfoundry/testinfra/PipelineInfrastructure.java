package io.agentfoundry.testinfra;

import io.agentfoundry.events.EventType;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.Topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The broker and database the pipeline needs, started once per JVM on free ports and shared by every test in it.
 * Every topic of the contract, and every service's dead-letter topic, exists before the first test runs. Both can be
 * restarted ({@link KafkaBroker#restart}, {@link PostgresServer#restart}) by tests of what a service does meanwhile.
 */
public final class PipelineInfrastructure {

    /** Partitions of every topic: the most instances of one service that share its work. */
    public static final int PARTITIONS = 3;

    private static PipelineInfrastructure shared;

    private final KafkaBroker kafka;
    private final PostgresServer postgres;

    private PipelineInfrastructure(KafkaBroker kafka, PostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static synchronized PipelineInfrastructure shared() {
        if (shared == null) {
            try {
                Path kafkaDir = Files.createTempDirectory("agentfoundry-kafka");
                KafkaBroker kafka = KafkaBroker.start(0, kafkaDir);
                PostgresServer postgres = PostgresServer.startEmbedded(0, null);
                kafka.createTopics(allTopics(), PARTITIONS);
                shared = new PipelineInfrastructure(kafka, postgres);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    kafka.close();
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }, "pipeline-infrastructure-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start Kafka and PostgreSQL for the tests", e);
            }
        }
        return shared;
    }

    /** Every topic the pipeline uses: one per event type and one dead-letter topic per service. */
    public static List<String> allTopics() {
        List<String> topics = new ArrayList<>();
        for (EventType type : EventType.values()) {
            topics.add(type.topic());
        }
        for (PipelineStep step : PipelineStep.values()) {
            topics.add(Topics.deadLetter(step.service()));
        }
        return topics;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }
}
