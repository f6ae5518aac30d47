package io.agentfoundry.builder.service;

import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.service.JobLogger;

import java.util.UUID;

/** One build's lines in its job's log. */
public interface BuildLog {

    void info(String message);

    void warn(String message);

    /** Safe to use from the build's own threads: JobLogger commits each line on its own. */
    static BuildLog of(JobLogger logger, UUID jobId, PipelineStep step) {
        return new BuildLog() {
            @Override
            public void info(String message) {
                logger.info(jobId, step, message);
            }

            @Override
            public void warn(String message) {
                logger.warn(jobId, step, message);
            }
        };
    }
}
