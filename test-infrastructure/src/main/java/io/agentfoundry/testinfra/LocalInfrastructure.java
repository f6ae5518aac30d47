package io.agentfoundry.testinfra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentfoundry.events.PipelineStep;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the broker and PostgreSQL for {@code scripts/run-local.sh}, in the foreground, until stopped. Both keep their
 * data in the state directory, so a later run finds its jobs, topics and offsets again.
 *
 * <p>Each can be stopped, started and restarted on its own while the services run, through a control endpoint on
 * loopback ({@code POST /kafka/restart}, {@code /postgres/stop}, {@code /postgres/start}, ...): the embedded
 * PostgreSQL is a child of this process and cannot be restarted from outside it.
 *
 * <p>Environment: {@code AGENTFOUNDRY_STATE_DIR} (data directories, default {@code .run}), {@code KAFKA_PORT} (9092),
 * {@code POSTGRES_PORT} (5432), {@code CONTROL_PORT} (a free one). With {@code AGENTFOUNDRY_POSTGRES_HOST} set, an
 * external PostgreSQL is used instead of the embedded one ({@code AGENTFOUNDRY_POSTGRES_PORT},
 * {@code AGENTFOUNDRY_POSTGRES_ADMIN_USER}, {@code AGENTFOUNDRY_POSTGRES_ADMIN_PASSWORD}). Prints {@code READY}
 * followed by the settings the services need and the control endpoint.
 */
public final class LocalInfrastructure {

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(env("AGENTFOUNDRY_STATE_DIR", ".run")).toAbsolutePath();
        int kafkaPort = Integer.parseInt(env("KAFKA_PORT", "9092"));
        List<AutoCloseable> running = new ArrayList<>();

        KafkaBroker kafka = KafkaBroker.start(kafkaPort, stateDir.resolve("kafka"));
        running.add(kafka);
        kafka.createTopics(PipelineInfrastructure.allTopics(), PipelineInfrastructure.PARTITIONS);

        String externalHost = System.getenv("AGENTFOUNDRY_POSTGRES_HOST");
        boolean embedded = externalHost == null || externalHost.isBlank();
        PostgresServer postgres = embedded
                ? PostgresServer.startEmbedded(Integer.parseInt(env("POSTGRES_PORT", "5432")), stateDir.resolve("postgres"))
                : PostgresServer.external(externalHost, Integer.parseInt(env("AGENTFOUNDRY_POSTGRES_PORT", "5432")),
                env("AGENTFOUNDRY_POSTGRES_ADMIN_USER", "postgres"), env("AGENTFOUNDRY_POSTGRES_ADMIN_PASSWORD", ""));
        running.add(postgres);

        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(env("CONTROL_PORT", "0"))), 0);
        Map<String, Action> actions = Map.of(
                "/kafka/restart", kafka::restart,
                "/kafka/stop", kafka::stop,
                "/kafka/start", kafka::resume,
                "/postgres/restart", embedded ? postgres::restart : LocalInfrastructure::external,
                "/postgres/stop", embedded ? postgres::stop : LocalInfrastructure::external,
                "/postgres/start", embedded ? postgres::resume : LocalInfrastructure::external);
        control.createContext("/", exchange -> handle(exchange, actions));
        control.start();

        StringBuilder ready = new StringBuilder("READY kafka=").append(kafka.bootstrapServers());
        for (PipelineStep step : PipelineStep.values()) {
            String database = databaseOf(step);
            ready.append(' ').append(database).append('=').append(postgres.database(database));
        }
        ready.append(" control=http://127.0.0.1:").append(control.getAddress().getPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop(0);
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

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    private static void external() {
        throw new IllegalStateException("PostgreSQL is external (AGENTFOUNDRY_POSTGRES_HOST): restart it there");
    }

    private static void handle(HttpExchange exchange, Map<String, Action> actions) throws IOException {
        Action action = actions.get(exchange.getRequestURI().getPath());
        int status;
        String answer;
        if (action == null || !"POST".equals(exchange.getRequestMethod())) {
            status = 404;
            answer = "POST one of " + actions.keySet() + "\n";
        } else {
            try {
                long start = System.nanoTime();
                action.run();
                status = 200;
                answer = exchange.getRequestURI().getPath() + " done in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms\n";
            } catch (Exception e) {
                status = 500;
                answer = exchange.getRequestURI().getPath() + " failed: " + e + "\n";
            }
        }
        System.out.print("[control] " + answer);
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
