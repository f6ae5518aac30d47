package io.agentfoundry.platform.service;

import io.agentfoundry.events.EventType;
import io.agentfoundry.events.JobLogRecord;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.platform.domain.JobLogEntry;
import io.agentfoundry.platform.messaging.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A job's log: each line is stored, published to the logs topic through the outbox, and streamed to SSE clients. Each
 * line commits in its own transaction, so the lines that explain a failure survive the failed work's rollback.
 */
@ApplicationScoped
public class JobLogger {

    private static final Logger LOG = Logger.getLogger(JobLogger.class);
    private static final int MAX_MESSAGE_LENGTH = 8_000;

    private final OutboxWriter outbox;
    private final JobLogStream stream;
    private final PlatformConfig config;

    JobLogger(OutboxWriter outbox, JobLogStream stream, PlatformConfig config) {
        this.outbox = outbox;
        this.stream = stream;
        this.config = config;
    }

    public void info(UUID jobId, PipelineStep step, String message) {
        log(jobId, step, JobLogRecord.Level.INFO, message);
    }

    public void warn(UUID jobId, PipelineStep step, String message) {
        log(jobId, step, JobLogRecord.Level.WARN, message);
    }

    public void error(UUID jobId, PipelineStep step, String message) {
        log(jobId, step, JobLogRecord.Level.ERROR, message);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void log(UUID jobId, PipelineStep step, JobLogRecord.Level level, String message) {
        String text = message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) + "…" : message;
        JobLogEntry entry = new JobLogEntry();
        entry.jobId = jobId;
        entry.step = step;
        entry.level = level;
        entry.message = text;
        entry.loggedAt = Instant.now();
        entry.persistAndFlush();
        outbox.append(new JobLogRecord(UUID.randomUUID(), jobId, null, entry.loggedAt, EventType.CURRENT_SCHEMA_VERSION,
                config.serviceName(), step, entry.id, level, text));
        stream.lineAfterCommit(entry);
        LOG.logf(toJBossLevel(level), "[job %s] %s", jobId, text);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JobLogEntry> linesAfter(UUID jobId, long afterId) {
        return JobLogEntry.list("jobId = ?1 and id > ?2 order by id", jobId, afterId);
    }

    private static Logger.Level toJBossLevel(JobLogRecord.Level level) {
        return switch (level) {
            case DEBUG -> Logger.Level.DEBUG;
            case INFO -> Logger.Level.INFO;
            case WARN -> Logger.Level.WARN;
            case ERROR -> Logger.Level.ERROR;
        };
    }
}
