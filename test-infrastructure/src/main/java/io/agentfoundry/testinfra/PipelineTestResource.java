package io.agentfoundry.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Points a {@code @QuarkusTest} at the shared real broker and a fresh database of its own. Use with
 * {@code @WithTestResource(value = PipelineTestResource.class, initArgs = @ResourceArg(name = "database", value = "generator"))}.
 */
public class PipelineTestResource implements QuarkusTestResourceLifecycleManager {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private String database = "service";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        PipelineInfrastructure infrastructure = PipelineInfrastructure.shared();
        String jdbcUrl = infrastructure.postgres().database(database + "_test_" + DATABASES.incrementAndGet());
        return Map.of(
                "kafka.bootstrap.servers", infrastructure.kafka().bootstrapServers(),
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", PostgresServer.SERVICE_USER,
                "quarkus.datasource.password", PostgresServer.SERVICE_PASSWORD);
    }

    @Override
    public void stop() {
        // The broker and the server are shared by the whole test JVM and stop with it.
    }
}
