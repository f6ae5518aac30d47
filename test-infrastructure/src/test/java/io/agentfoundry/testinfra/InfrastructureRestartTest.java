package io.agentfoundry.testinfra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded broker and PostgreSQL keep their data: each can be restarted on its own, in this JVM or from its data
 * directory alone, and finds its topics, records, offsets and tables again. (scripts/run-local.sh starts twice on the
 * same state because of this.)
 */
class InfrastructureRestartTest {

    @Test
    void aBrokerStartedAgainOnItsDirectoryIsTheSameClusterWithItsRecordsAndOffsets(@TempDir Path dir) throws Exception {
        KafkaBroker broker = KafkaBroker.start(0, dir);
        String servers = broker.bootstrapServers();
        broker.createTopics(List.of("restart.topic"), 1);
        send(servers, "first");
        assertThat(readCommitting(servers)).containsExactly("first");

        broker.restart();
        send(servers, "second");
        assertThat(readCommitting(servers)).as("the group's offset survived").containsExactly("second");
        broker.close();

        // another process on the same directory: no new cluster id, same ports
        KafkaBroker again = KafkaBroker.start(0, dir);
        try {
            assertThat(again.bootstrapServers()).isEqualTo(servers);
            send(servers, "third");
            assertThat(readCommitting(servers)).containsExactly("third");
        } finally {
            again.close();
        }
    }

    @Test
    void postgresRestartedKeepsItsDataCommitsDurablyAndComesBackOnTheSamePort(@TempDir Path dir) throws Exception {
        PostgresServer postgres = PostgresServer.startEmbedded(0, dir.resolve("data"));
        try {
            String url = postgres.database("restarted");
            try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
                statement.execute("create table kept (value text)");
                statement.execute("insert into kept values ('before the restart')");
                assertThat(single(statement, "show synchronous_commit")).isEqualTo("on");
            }
            postgres.restart();
            try (Connection connection = connect(url); Statement statement = connection.createStatement()) {
                assertThat(single(statement, "select value from kept")).isEqualTo("before the restart");
            }
        } finally {
            postgres.close();
        }
        PostgresServer again = PostgresServer.startEmbedded(postgres.port(), dir.resolve("data"));
        try (Connection connection = connect(again.database("restarted"));
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "select value from kept")).isEqualTo("before the restart");
        } finally {
            again.close();
        }
    }

    private static void send(String servers, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("restart.topic", "key", value)).get();
        }
    }

    /** What the group has not read yet; commits what it read. */
    private static List<String> readCommitting(String servers) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG, "restart-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("restart.topic"));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
            return values;
        }
    }

    private static Connection connect(String url) throws Exception {
        return DriverManager.getConnection(url, PostgresServer.SERVICE_USER, PostgresServer.SERVICE_PASSWORD);
    }

    private static String single(Statement statement, String query) throws Exception {
        try (ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
