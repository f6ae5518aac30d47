package io.agentfoundry.testinfra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node KRaft broker (broker and controller in one), in this JVM. Its data directory keeps everything a
 * restart needs: the broker's settings (ports included) and its formatted storage, so that a broker started again on
 * the same directory, in this JVM or another, is the same cluster with the same topics, records and offsets.
 */
public final class KafkaBroker implements AutoCloseable {

    static final String SETTINGS_FILE = "agentfoundry-broker.properties";

    private final Properties settings;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private KafkaBroker(Properties settings, String bootstrapServers) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * @param port   the client port; 0 for a free one (or the one the directory's broker had)
     * @param logDir where the broker keeps its data; a broker that ran there before is started again as it was
     */
    public static synchronized KafkaBroker start(int port, Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Path settingsFile = logDir.resolve(SETTINGS_FILE);
        Properties props = Files.exists(settingsFile) ? read(settingsFile) : new Properties();
        int clientPort = port != 0 ? port : portOf(props, "listeners", "PLAINTEXT").orElseGet(FreePorts::find);
        int controllerPort = portOf(props, "listeners", "CONTROLLER").orElseGet(FreePorts::find);
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        // Without replication factor 1 on the internal topics, consumer groups never get partitions on one node.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        try (OutputStream out = Files.newOutputStream(settingsFile)) {
            props.store(out, "written by KafkaBroker; read again when the broker starts on this directory");
        }
        // Formatted once: formatting again (even with --ignore-formatted) under a new cluster id makes the stored
        // meta.properties disagree with the bootstrap checkpoint, and the broker refuses to start.
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
            int formatted = StorageTool.execute(new String[]{
                    "format", "-t", Uuid.randomUuid().toString(), "-c", settingsFile.toString(), "--ignore-formatted"},
                    new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
            if (formatted != 0) {
                throw new IllegalStateException("Formatting Kafka storage failed: "
                        + formatOutput.toString(StandardCharsets.UTF_8));
            }
        }
        KafkaBroker broker = new KafkaBroker(props, "127.0.0.1:" + clientPort);
        broker.startServer();
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the broker (clients see it gone) and starts it again on the same ports and data. */
    public synchronized void restart() {
        stop();
        startServer();
    }

    /** Stops the broker; {@link #resume} starts it again as it was. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public synchronized void resume() {
        if (server == null) {
            startServer();
        }
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(Collection<String> topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(java.util.List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void startServer() {
        server = new KafkaRaftServer(new KafkaConfig(settings, false), Time.SYSTEM);
        server.startup();
    }

    private static Properties read(Path file) throws IOException {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        }
        return props;
    }

    /** The port of a listener in a stored {@code listeners} setting. */
    private static java.util.Optional<Integer> portOf(Properties props, String setting, String listener) {
        String value = props.getProperty(setting);
        if (value == null) {
            return java.util.Optional.empty();
        }
        for (String entry : value.split(",")) {
            if (entry.startsWith(listener + "://")) {
                return java.util.Optional.of(Integer.parseInt(entry.substring(entry.lastIndexOf(':') + 1)));
            }
        }
        return java.util.Optional.empty();
    }
}
