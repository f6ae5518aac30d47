package io.agentfoundry.system.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.agentfoundry.engine.ContainerEngine;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.events.Topics;
import io.agentfoundry.system.Pipeline;
import io.agentfoundry.testinfra.KafkaTestClient;
import io.agentfoundry.testinfra.LocalRegistry;
import io.agentfoundry.testinfra.PipelineInfrastructure;
import io.agentfoundry.testinfra.PodmanEngine;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chaos harness: N jobs through the whole system (five services as processes, real Kafka, PostgreSQL, registry and
 * Podman, loopback only) while it kill -9's services at random, restarts PostgreSQL, restarts the broker and pauses
 * the container engine. It stops by itself (after every job has ended, or at its time limit) and reports what the
 * system made of it: jobs by outcome, outcome events per step per job, containers and images per job, dead letters,
 * jobs that never ended, the slowest job. A table on stdout and a JSON file.
 *
 * <pre>java -cp ... io.agentfoundry.system.chaos.ChaosRun [jobs=200] [kills=20] [postgres-restarts=3]
 *     [broker-restarts=3] [engine-pauses=3] [submit-interval=1500ms] [time-limit=60m] [seed=...] [report=...]</pre>
 * ({@code scripts/chaos.sh} builds and runs it; {@code ChaosRunIT} runs a short one in CI.)
 */
public final class ChaosRun {

    private static final ObjectMapper JSON = EventCodec.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String JOB_LABEL = "io.agentfoundry.job-id";
    /** The steps after the request, each with the event that says it succeeded. */
    private static final Map<PipelineStep, EventType> SUCCESS = new EnumMap<>(Map.of(
            PipelineStep.GENERATE, EventType.CODE_GENERATED,
            PipelineStep.BUILD, EventType.IMAGE_BUILT,
            PipelineStep.DEPLOY, EventType.RUNTIME_CREATED,
            PipelineStep.TEST, EventType.TEST_COMPLETED));

    /** What to run. */
    public record Options(int jobs, int kills, int postgresRestarts, int brokerRestarts, int enginePauses,
                          Duration submitInterval, Duration timeLimit, long seed, Path workDir, Path report) {

        public static Options full() {
            return new Options(200, 20, 3, 3, 3, Duration.ofMillis(1500), Duration.ofMinutes(60),
                    System.nanoTime(), Path.of("target", "chaos").toAbsolutePath(),
                    Path.of("target", "chaos", "chaos-report.json").toAbsolutePath());
        }

        /** {@code name=value} arguments over the full run's defaults. */
        public static Options parse(String[] args) {
            Options options = full();
            for (String arg : args) {
                String[] pair = arg.split("=", 2);
                if (pair.length != 2) {
                    throw new IllegalArgumentException("Arguments are name=value, not '" + arg + "'");
                }
                String value = pair[1];
                options = switch (pair[0]) {
                    case "jobs" -> options.with(Integer.parseInt(value), options.kills, options.postgresRestarts,
                            options.brokerRestarts, options.enginePauses);
                    case "kills" -> options.with(options.jobs, Integer.parseInt(value), options.postgresRestarts,
                            options.brokerRestarts, options.enginePauses);
                    case "postgres-restarts" -> options.with(options.jobs, options.kills, Integer.parseInt(value),
                            options.brokerRestarts, options.enginePauses);
                    case "broker-restarts" -> options.with(options.jobs, options.kills, options.postgresRestarts,
                            Integer.parseInt(value), options.enginePauses);
                    case "engine-pauses" -> options.with(options.jobs, options.kills, options.postgresRestarts,
                            options.brokerRestarts, Integer.parseInt(value));
                    case "submit-interval" -> new Options(options.jobs, options.kills, options.postgresRestarts,
                            options.brokerRestarts, options.enginePauses, duration(value), options.timeLimit,
                            options.seed, options.workDir, options.report);
                    case "time-limit" -> new Options(options.jobs, options.kills, options.postgresRestarts,
                            options.brokerRestarts, options.enginePauses, options.submitInterval, duration(value),
                            options.seed, options.workDir, options.report);
                    case "seed" -> new Options(options.jobs, options.kills, options.postgresRestarts,
                            options.brokerRestarts, options.enginePauses, options.submitInterval, options.timeLimit,
                            Long.parseLong(value), options.workDir, options.report);
                    case "report" -> new Options(options.jobs, options.kills, options.postgresRestarts,
                            options.brokerRestarts, options.enginePauses, options.submitInterval, options.timeLimit,
                            options.seed, options.workDir, Path.of(value).toAbsolutePath());
                    default -> throw new IllegalArgumentException("Unknown argument " + pair[0]);
                };
            }
            return options;
        }

        public Options with(int jobs, int kills, int postgresRestarts, int brokerRestarts, int enginePauses) {
            return new Options(jobs, kills, postgresRestarts, brokerRestarts, enginePauses, submitInterval, timeLimit,
                    seed, workDir, report);
        }

        private static Duration duration(String text) {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            if (text.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.parse(text);
        }
    }

    /** The run's figures; {@link #violations} lists every broken guarantee, and is empty when all held. */
    public record Report(String options, int submitted, Map<String, Integer> terminalByStatus, int notTerminal,
                         Map<String, Integer> faults, Map<String, Map<Integer, Integer>> outcomeEventsPerStep,
                         int duplicateDeliveries, int maxContainersPerJob, int containersLeft, int maxImageTagsPerJob,
                         int deadLetters, String slowestJob, long slowestJobSeconds, long durationSeconds,
                         List<String> violations, List<String> failures) {
    }

    /** Chaos settings: short leases and reconciliation, so that what a kill leaves is taken over within seconds. */
    public static Map<String, String> serviceSettings() {
        return Map.of(
                "agentfoundry.platform.step.lease", "6s",
                "agentfoundry.platform.step.takeover-interval", "1s",
                "agentfoundry.deployer.reconcile.interval", "5s",
                "agentfoundry.deployer.reconcile.grace", "5s");
    }

    private final Options options;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<Integer, UUID> jobs = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> submittedAt = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> containersSeen = new ConcurrentHashMap<>();
    private final Set<UUID> tornDown = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> faults = new TreeMap<>();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private volatile boolean finished;
    private Pipeline pipeline;
    private ContainerEngine engine;

    public ChaosRun(Options options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Report report = new ChaosRun(options).run();
        System.exit(report.violations().isEmpty() ? 0 : 1);
    }

    public Report run() throws Exception {
        long start = System.nanoTime();
        Instant limit = Instant.now().plus(options.timeLimit());
        Files.createDirectories(options.workDir());
        say("chaos run " + run + ": " + options.jobs() + " jobs, " + options.kills() + " service kills, "
                + options.postgresRestarts() + " PostgreSQL restarts, " + options.brokerRestarts()
                + " broker restarts, " + options.enginePauses() + " engine pauses (seed " + options.seed() + ")");
        PipelineInfrastructure infrastructure = PipelineInfrastructure.shared();
        engine = ContainerEngine.connect(PodmanEngine.shared().host(), Duration.ofSeconds(30));
        pipeline = Pipeline.start(options.workDir(), serviceSettings());
        try (KafkaTestClient kafka = new KafkaTestClient(infrastructure.kafka().bootstrapServers())) {
            Thread submitter = thread("chaos-submitter", this::submitAll);
            Thread monkey = thread("chaos-monkey", this::injectFaults);
            Thread cleaner = thread("chaos-teardown", () -> {
                while (!finished) {
                    tearDownFinished();
                    pause(Duration.ofSeconds(3));
                }
            });
            submitter.join();
            monkey.join();
            say("submitted " + jobs.size() + " jobs; faults done: " + faults);
            while (!allTerminal() && Instant.now().isBefore(limit)) {
                pause(Duration.ofSeconds(3));
            }
            finished = true;
            cleaner.join(Duration.ofMinutes(5).toMillis());
            tearDownFinished();
            // the deployer's reaper removes leftovers of interrupted attempts within a round or two
            pause(Duration.ofSeconds(15));
            Report report = report(kafka, Duration.ofNanos(System.nanoTime() - start));
            print(report);
            Files.createDirectories(options.report().getParent());
            Files.writeString(options.report(), JSON.writeValueAsString(report));
            say("report written to " + options.report());
            return report;
        } finally {
            pipeline.close();
            engine.close();
        }
    }

    // --- load -----------------------------------------------------------------------------------------------------

    private void submitAll() {
        for (int i = 0; i < options.jobs(); i++) {
            UUID jobId = submit(i);
            jobs.put(i, jobId);
            submittedAt.put(jobId, Instant.now());
            pause(options.submitInterval());
        }
    }

    /** Tried again until the registry takes it: the idempotency key makes a retried submission the same job. */
    private UUID submit(int index) {
        String spec = """
                {"name": "chaos_%s_%d", "systemPrompt": "You greet people.", "modelId": "%s", "tools": [],
                 "testCases": [{"name": "greets", "prompt": "Hello, who are you?", "expectContains": "hello"}]}
                """.formatted(run, index, MODEL);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(pipeline.registry()
                                + "/api/agents")).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", "chaos-" + run + "-" + index)
                        .header("X-Client-Id", "chaos")
                        .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202 || response.statusCode() == 200) {
                    return UUID.fromString(JSON.readTree(response.body()).path("jobId").asText());
                }
                if (response.statusCode() < 500) {
                    throw new IllegalStateException("The registry refused job " + index + ": " + response.body());
                }
            } catch (IOException unavailable) {
                // the registry is down or restarting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Job " + index + " could not be submitted within 5 minutes");
            }
            pause(Duration.ofSeconds(1));
        }
    }

    // --- faults ---------------------------------------------------------------------------------------------------

    private record Fault(long atMillis, String kind, PipelineStep service) {
    }

    private void injectFaults() {
        long window = Math.max(10_000, options.submitInterval().toMillis() * options.jobs());
        List<Fault> plan = new ArrayList<>();
        List<PipelineStep> victims = new ArrayList<>();
        for (int i = 0; i < options.kills(); i++) {
            victims.add(PipelineStep.values()[i % PipelineStep.values().length]);
        }
        Collections.shuffle(victims, random);
        for (PipelineStep victim : victims) {
            plan.add(new Fault(at(window), "kill", victim));
        }
        for (int i = 0; i < options.postgresRestarts(); i++) {
            plan.add(new Fault(at(window), "postgres", null));
        }
        for (int i = 0; i < options.brokerRestarts(); i++) {
            plan.add(new Fault(at(window), "broker", null));
        }
        for (int i = 0; i < options.enginePauses(); i++) {
            plan.add(new Fault(at(window), "engine", null));
        }
        plan.sort((one, other) -> Long.compare(one.atMillis(), other.atMillis()));
        long start = System.currentTimeMillis();
        for (Fault fault : plan) {
            pause(Duration.ofMillis(Math.max(0, fault.atMillis() - (System.currentTimeMillis() - start))));
            try {
                inject(fault);
            } catch (Exception e) {
                say("fault " + fault + " could not be injected: " + e);
            }
        }
    }

    private long at(long window) {
        return 3_000 + (long) (random.nextDouble() * window);
    }

    private void inject(Fault fault) throws Exception {
        PipelineInfrastructure infrastructure = PipelineInfrastructure.shared();
        switch (fault.kind()) {
            case "kill" -> {
                say("kill -9 " + fault.service().service());
                pipeline.kill(fault.service());
                pause(Duration.ofMillis(1_000 + random.nextInt(2_000)));
                pipeline.restart(fault.service());
                count("kill " + fault.service().service());
                count("kills");
            }
            case "postgres" -> {
                say("PostgreSQL stops for 3 s");
                infrastructure.postgres().stop();
                pause(Duration.ofSeconds(3));
                infrastructure.postgres().resume();
                count("postgres restarts");
            }
            case "broker" -> {
                say("the broker restarts");
                infrastructure.kafka().restart();
                count("broker restarts");
            }
            case "engine" -> {
                say("the container engine pauses for 5 s");
                PodmanEngine.shared().pause();
                pause(Duration.ofSeconds(5));
                PodmanEngine.shared().resume();
                count("engine pauses");
            }
            default -> throw new IllegalArgumentException(fault.kind());
        }
    }

    private synchronized void count(String fault) {
        faults.computeIfAbsent(fault, key -> new AtomicInteger()).incrementAndGet();
    }

    // --- tear-down ------------------------------------------------------------------------------------------------

    /** The runtimes of ended jobs: counted (at most one container a job), then torn down, so that few run at once. */
    private void tearDownFinished() {
        for (UUID jobId : jobs.values()) {
            if (tornDown.contains(jobId)) {
                continue;
            }
            JsonNode job = job(jobId);
            if (job == null || !terminal(job.path("status").asText())) {
                continue;
            }
            try {
                containersSeen.merge(jobId, engine.list(JOB_LABEL, jobId.toString()).size(), Math::max);
                HttpResponse<String> removed = http.send(HttpRequest.newBuilder(URI.create(
                                pipeline.url(PipelineStep.DEPLOY) + "/api/deployments/" + jobId))
                        .timeout(Duration.ofSeconds(60)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
                if (removed.statusCode() < 500) {
                    tornDown.add(jobId);
                }
            } catch (IOException | RuntimeException e) {
                // the deployer or the engine is away: next round
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean allTerminalKnown() {
        return jobs.values().stream().allMatch(jobId -> {
            JsonNode job = job(jobId);
            return job != null && terminal(job.path("status").asText());
        });
    }

    private boolean allTerminal() {
        return jobs.size() == options.jobs() && allTerminalKnown();
    }

    // --- report ---------------------------------------------------------------------------------------------------

    private Report report(KafkaTestClient kafka, Duration took) {
        List<String> violations = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        jobs.values().forEach(jobId -> keys.add(jobId.toString()));
        Map<String, List<ConsumerRecord<String, String>>> byTopic = new HashMap<>();
        for (EventType type : EventType.values()) {
            byTopic.put(type.topic(), kafka.readAll(type.topic(), record -> keys.contains(record.key())));
        }
        int duplicates = 0;
        for (List<ConsumerRecord<String, String>> records : byTopic.values()) {
            duplicates += records.size() - (int) records.stream().map(record -> KafkaTestClient.header(record, "ce_id"))
                    .distinct().count();
        }
        Map<String, Map<Integer, Integer>> perStep = new LinkedHashMap<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int notTerminal = 0;
        String slowest = null;
        long slowestSeconds = 0;
        int maxImages = 0;
        for (Map.Entry<Integer, UUID> entry : new TreeMap<>(jobs).entrySet()) {
            UUID jobId = entry.getValue();
            JsonNode job = job(jobId);
            String status = job == null ? "UNKNOWN" : job.path("status").asText();
            byStatus.merge(status, 1, Integer::sum);
            if (!terminal(status)) {
                notTerminal++;
                violations.add("job " + jobId + " did not end: " + status);
            }
            if ("FAILED".equals(status)) {
                failures.add(jobId + ": " + job.path("failure").asText());
            }
            Map<PipelineStep, Integer> outcomeEvents = outcomeEvents(jobId, byTopic);
            outcomeEvents.forEach((step, count) -> perStep.computeIfAbsent(step.name(), name -> new TreeMap<>())
                    .merge(count, 1, Integer::sum));
            violations.addAll(sequenceViolations(jobId, status, outcomeEvents));
            int accepted = distinctEventIds(byTopic.get(Topics.AGENT_REQUESTED), jobId.toString());
            perStep.computeIfAbsent(PipelineStep.REQUEST.name(), name -> new TreeMap<>()).merge(accepted, 1,
                    Integer::sum);
            if (accepted != 1) {
                violations.add("job " + jobId + " has " + accepted + " AgentRequested events");
            }
            int containers = containersSeen.getOrDefault(jobId, 0);
            if (containers > 1) {
                violations.add("job " + jobId + " had " + containers + " containers at once");
            }
            int tags = LocalRegistry.shared().tags("agentfoundry/chaos_" + run + "_" + entry.getKey()).size();
            maxImages = Math.max(maxImages, tags);
            if (tags > 1) {
                violations.add("job " + jobId + " pushed " + tags + " image tags");
            }
            if (job != null && terminal(status) && !job.path("finishedAt").isMissingNode()
                    && !job.path("finishedAt").isNull()) {
                long seconds = Duration.between(Instant.parse(job.path("createdAt").asText()),
                        Instant.parse(job.path("finishedAt").asText())).toSeconds();
                if (seconds >= slowestSeconds) {
                    slowestSeconds = seconds;
                    slowest = jobId.toString();
                }
            }
        }
        int left = 0;
        for (UUID jobId : jobs.values()) {
            left += engine.list(JOB_LABEL, jobId.toString()).size();
        }
        if (left > 0) {
            violations.add(left + " containers of the run's jobs are left on the engine");
        }
        int deadLetters = 0;
        for (PipelineStep step : PipelineStep.values()) {
            deadLetters += kafka.readAll(Topics.deadLetter(step.service()), record -> keys.contains(record.key())).size();
        }
        if (deadLetters > 0) {
            violations.add(deadLetters + " records of the run's jobs were dead-lettered");
        }
        if (jobs.size() != options.jobs()) {
            violations.add("only " + jobs.size() + " of " + options.jobs() + " jobs were submitted");
        }
        Map<String, Integer> faultCounts = new TreeMap<>();
        faults.forEach((fault, count) -> faultCounts.put(fault, count.get()));
        int maxContainers = containersSeen.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new Report(options.toString(), jobs.size(), byStatus, notTerminal, faultCounts, perStep, duplicates, maxContainers, left,
                maxImages, deadLetters, slowest, slowestSeconds, took.toSeconds(), violations,
                failures.subList(0, Math.min(20, failures.size())));
    }

    /** Per step after the request: its success events plus its failures, each counted once by event id. */
    private static Map<PipelineStep, Integer> outcomeEvents(UUID jobId,
                                                            Map<String, List<ConsumerRecord<String, String>>> byTopic) {
        Map<PipelineStep, Integer> counts = new EnumMap<>(PipelineStep.class);
        Map<PipelineStep, Set<String>> failures = new EnumMap<>(PipelineStep.class);
        for (ConsumerRecord<String, String> record : byTopic.get(Topics.STEP_FAILED)) {
            if (jobId.toString().equals(record.key())) {
                StepFailed failed = EventCodec.decode(record.value(), StepFailed.class);
                failures.computeIfAbsent(failed.step(), step -> new HashSet<>()).add(failed.eventId().toString());
            }
        }
        SUCCESS.forEach((step, type) -> counts.put(step, distinctEventIds(byTopic.get(type.topic()), jobId.toString())
                + failures.getOrDefault(step, Set.of()).size()));
        return counts;
    }

    /**
     * Exactly one outcome event for each step the job reached, none for the steps after the one it ended at, and an
     * ending that says what the job's status says.
     */
    private static List<String> sequenceViolations(UUID jobId, String status, Map<PipelineStep, Integer> counts) {
        List<String> violations = new ArrayList<>();
        boolean ended = false;
        for (PipelineStep step : SUCCESS.keySet()) {
            int count = counts.get(step);
            if (count > 1) {
                violations.add("job " + jobId + " has " + count + " outcome events for " + step);
            }
            if (ended && count > 0) {
                violations.add("job " + jobId + " has an outcome for " + step + " after the step it ended at");
            }
            if (count == 0 && "SUCCEEDED".equals(status)) {
                violations.add("job " + jobId + " SUCCEEDED without an outcome event for " + step);
            }
            if (count == 0) {
                ended = true;
            }
        }
        return violations;
    }

    private static int distinctEventIds(List<ConsumerRecord<String, String>> records, String key) {
        return (int) records.stream().filter(record -> key.equals(record.key()))
                .map(record -> KafkaTestClient.header(record, "ce_id")).distinct().count();
    }

    private void print(Report report) {
        say("================================================================");
        say(String.format("jobs submitted            %d", report.submitted()));
        say(String.format("terminal by status        %s", report.terminalByStatus()));
        say(String.format("not terminal              %d", report.notTerminal()));
        say(String.format("faults                    %s", report.faults()));
        say(String.format("outcome events per step   %s   (events a job has for the step -> jobs)",
                report.outcomeEventsPerStep()));
        say(String.format("duplicate deliveries      %d   (records of an event beyond the first; consumers skip them)",
                report.duplicateDeliveries()));
        say(String.format("containers per job (max)  %d; left on the engine %d", report.maxContainersPerJob(),
                report.containersLeft()));
        say(String.format("image tags per job (max)  %d", report.maxImageTagsPerJob()));
        say(String.format("dead letters              %d", report.deadLetters()));
        say(String.format("slowest job               %s (%d s)", report.slowestJob(), report.slowestJobSeconds()));
        say(String.format("run took                  %d s", report.durationSeconds()));
        report.failures().forEach(failure -> say("failed: " + failure));
        say(report.violations().isEmpty() ? "every guarantee held" : report.violations().size() + " violations:");
        report.violations().stream().limit(50).forEach(violation -> say("  " + violation));
        say("================================================================");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private JsonNode job(UUID jobId) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(pipeline.registry()
                    + "/api/agents/" + jobId)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean terminal(String status) {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void say(String line) {
        System.out.println("[chaos " + Instant.now().toString().substring(11, 19) + "] " + line);
        System.out.flush();
    }

}
