package io.agentfoundry.events;

/** The five steps of a job, in the order they run. */
public enum PipelineStep {
    REQUEST("registry-service"),
    GENERATE("generator-service"),
    BUILD("builder-service"),
    DEPLOY("deployer-service"),
    TEST("tester-service");

    private final String service;

    PipelineStep(String service) {
        this.service = service;
    }

    /** The service that performs this step. */
    public String service() {
        return service;
    }
}
