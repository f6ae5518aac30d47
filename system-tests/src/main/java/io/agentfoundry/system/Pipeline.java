package io.agentfoundry.system;

import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.testinfra.FreePorts;
import io.agentfoundry.testinfra.LocalInfrastructure;
import io.agentfoundry.testinfra.LocalRegistry;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PodmanEngine;
import io.agentfoundry.testinfra.PostgresServer;
import io.agentfoundry.testinfra.ServiceProcess;
import io.agentfoundry.testinfra.TestImages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The five packaged services, each in its own JVM with its own database, on the shared real broker and PostgreSQL
 * ({@link PipelineInfrastructure}), building agents on the offline test runtime, pushing them to the local registry
 * and running them on Podman: the whole system as a user runs it. A service can be killed (kill -9) and started
 * again as it was.
 */
public final class Pipeline implements AutoCloseable {

    public static final Duration READY = Duration.ofSeconds(120);

    private final Map<PipelineStep, ServiceProcess> services;
    private final String run;

    private Pipeline(Map<PipelineStep, ServiceProcess> services, String run) {
        this.services = services;
        this.run = run;
    }

    /**
     * @param settings system properties every service gets on top of the pipeline's own (e.g. shorter leases)
     */
    public static Pipeline start(Path workDir, Map<String, String> settings) throws IOException, InterruptedException {
        PipelineInfrastructure infrastructure = PipelineInfrastructure.shared();
        Path root = repositoryRoot();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<PipelineStep, Integer> ports = new EnumMap<>(PipelineStep.class);
        for (PipelineStep step : PipelineStep.values()) {
            ports.put(step, FreePorts.find());
        }
        Path images = workDir.resolve("images");
        Files.createDirectories(images);
        LocalRegistry registry = LocalRegistry.shared();
        PodmanEngine engine = PodmanEngine.shared();
        Map<PipelineStep, ServiceProcess> services = new EnumMap<>(PipelineStep.class);
        for (PipelineStep step : PipelineStep.values()) {
            Map<String, String> properties = new HashMap<>();
            properties.put("kafka.bootstrap.servers", infrastructure.kafka().bootstrapServers());
            properties.put("quarkus.datasource.jdbc.url",
                    infrastructure.postgres().database(LocalInfrastructure.databaseOf(step) + "_sys_" + run));
            properties.put("quarkus.datasource.username", PostgresServer.SERVICE_USER);
            properties.put("quarkus.datasource.password", PostgresServer.SERVICE_PASSWORD);
            properties.put("agentfoundry.generator.public-url", "http://127.0.0.1:" + ports.get(PipelineStep.GENERATE));
            properties.put("agentfoundry.builder.output-dir", images.toString());
            properties.put("agentfoundry.builder.base-image", "docker-archive:" + TestImages.offlineRuntime());
            properties.put("agentfoundry.builder.require-base-packages", "true");
            properties.put("agentfoundry.builder.registry", registry.host());
            properties.put("agentfoundry.builder.allow-insecure-registries", "true");
            properties.put("agentfoundry.builder.platforms", "linux/" + TestImages.architecture());
            properties.put("agentfoundry.deployer.local.engine-host", engine.host());
            properties.put("agentfoundry.deployer.default-target", "LOCAL");
            properties.put("agentfoundry.tester.local.engine-host", engine.host());
            properties.putAll(settings);
            services.put(step, ServiceProcess.start(step.service(), root.resolve(step.service()), ports.get(step),
                    properties, workDir.resolve("logs")));
        }
        Pipeline pipeline = new Pipeline(services, run);
        for (ServiceProcess service : services.values()) {
            service.awaitReady(READY);
        }
        return pipeline;
    }

    /** The reactor's root, found from the working directory (a module of it). */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/run-local.sh")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("The repository is not above " + Path.of("").toAbsolutePath());
    }

    public ServiceProcess service(PipelineStep step) {
        return services.get(step);
    }

    public String url(PipelineStep step) {
        return services.get(step).baseUrl();
    }

    /** The registry's API. */
    public String registry() {
        return url(PipelineStep.REQUEST);
    }

    /** kill -9 of the step's service. */
    public void kill(PipelineStep step) {
        services.get(step).kill();
    }

    /** Starts a killed service again and waits until it is ready. */
    public void restart(PipelineStep step) throws IOException, InterruptedException {
        services.get(step).restart();
        services.get(step).awaitReady(READY);
    }

    /** The databases of this pipeline are named {@code <service>_sys_<run>}. */
    public String run() {
        return run;
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
    }
}
