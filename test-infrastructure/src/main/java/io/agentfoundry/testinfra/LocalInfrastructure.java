package io.agentfoundry.testinfra;

import io.agentfoundry.events.PipelineStep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the broker and PostgreSQL for {@code scripts/run-local.sh}, in the foreground, until stopped.
 *
 * <p>Environment: {@code AGENTFOUNDRY_STATE_DIR} (data directories, default {@code .run}), {@code KAFKA_PORT} (9092),
 * {@code POSTGRES_PORT} (5432). With {@code AGENTFOUNDRY_POSTGRES_HOST} set, an external PostgreSQL is used instead of
 * the embedded one ({@code AGENTFOUNDRY_POSTGRES_PORT}, {@code AGENTFOUNDRY_POSTGRES_ADMIN_USER},
 * {@code AGENTFOUNDRY_POSTGRES_ADMIN_PASSWORD}). Prints {@code READY} followed by the settings the services need.
 */
public final class LocalInfrastructure {

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(env("AGENTFOUNDRY_STATE_DIR", ".run")).toAbsolutePath();
        int kafkaPort = Integer.parseInt(env("KAFKA_PORT", "9092"));
        List<AutoCloseable> running = new ArrayList<>();

        KafkaBroker kafka = KafkaBroker.start(kafkaPort, stateDir.resolve("kafka"));
        running.add(kafka);
        kafka.createTopics(PipelineInfrastructure.allTopics(), 3);

        String externalHost = System.getenv("AGENTFOUNDRY_POSTGRES_HOST");
        PostgresServer postgres = externalHost == null || externalHost.isBlank()
                ? PostgresServer.startEmbedded(Integer.parseInt(env("POSTGRES_PORT", "5432")), stateDir.resolve("postgres"))
                : PostgresServer.external(externalHost, Integer.parseInt(env("AGENTFOUNDRY_POSTGRES_PORT", "5432")),
                env("AGENTFOUNDRY_POSTGRES_ADMIN_USER", "postgres"), env("AGENTFOUNDRY_POSTGRES_ADMIN_PASSWORD", ""));
        running.add(postgres);

        StringBuilder ready = new StringBuilder("READY kafka=").append(kafka.bootstrapServers());
        for (PipelineStep step : PipelineStep.values()) {
            String database = databaseOf(step);
            ready.append(' ').append(database).append('=').append(postgres.database(database));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception ignored) {
                    // shutting down anyway
                }
            }
        }, "local-infrastructure-shutdown"));
        System.out.println(ready);
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The database of a step's service: {@code registry}, {@code generator}, ... */
    public static String databaseOf(PipelineStep step) {
        return step.service().replace("-service", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
