package io.agentfoundry.platform.mapping;

import io.agentfoundry.events.JobLogRecord;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.domain.JobLogEntry;

import java.time.Instant;
import java.util.UUID;

/** One log line as an SSE client receives it. */
public record LogLineView(long sequence, UUID jobId, String service, PipelineStep step, JobLogRecord.Level level,
                          Instant loggedAt, String message) {

    public static LogLineView of(JobLogEntry entry, String service) {
        return new LogLineView(entry.id, entry.jobId, service, entry.step, entry.level, entry.loggedAt, entry.message);
    }
}
