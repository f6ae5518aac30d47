package io.agentfoundry.tester.service;

import io.agentfoundry.tester.service.judging.Answer;

import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.RuntimeCreated;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** How the tester reaches a runtime of one deploy target. */
public interface RuntimeTransport {

    /** The runtimes this transport reaches: those whose {@code RuntimeCreated.target} names it. */
    DeployTarget target();

    /** The fields of the event this transport needs but that are missing. */
    List<String> missingFields(RuntimeCreated runtime);

    /**
     * What is wrong with the fields this transport uses, each problem naming its field; asked once none is missing.
     * The event comes from Kafka, where other services may publish it: its values become host names and URLs.
     */
    List<String> invalidFields(RuntimeCreated runtime);

    /** Where the runtime answers, as a person would name it: a URL or an ARN. */
    String endpoint(RuntimeCreated runtime);

    /** Probes until the runtime is healthy, it cannot become healthy, or the deadline passes. */
    Health awaitHealthy(RuntimeCreated runtime, Instant deadline) throws InterruptedException;

    /** Sends one prompt; a runtime that fails or does not answer yields an answer saying so, not an exception. */
    Answer invoke(RuntimeCreated runtime, String prompt, String sessionId, Duration timeout);

    /**
     * @param detail  what the last probe found
     * @param excerpt the last probe's raw answer, if any
     */
    record Health(boolean healthy, String detail, String excerpt, long latencyMs) {
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
