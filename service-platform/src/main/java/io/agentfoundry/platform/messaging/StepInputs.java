package io.agentfoundry.platform.messaging;

import io.agentfoundry.events.PipelineStep;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Which topic starts which of this service's steps: filled as the service defines its step. */
@ApplicationScoped
public class StepInputs {

    private final Map<String, PipelineStep> stepByTopic = new ConcurrentHashMap<>();

    void define(String topic, PipelineStep step) {
        stepByTopic.put(topic, step);
    }

    public Optional<PipelineStep> stepStartedBy(String topic) {
        return Optional.ofNullable(stepByTopic.get(topic));
    }
}
