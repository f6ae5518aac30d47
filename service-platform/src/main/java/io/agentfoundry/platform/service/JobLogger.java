package io.agentfoundry.platform.service;

import io.agentfoundry.events.EventType;
import io.agentfoundry.events.JobLogRecord;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.platform.domain.JobLogEntry;
import io.agentfoundry.platform.messaging.OutboxWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A job's log: each line is stored, published to the logs topic through the outbox, and streamed to SSE clients. Each
 * line commits in its own transaction, so the lines that explain a failure survive the failed work's rollback.
 *
 * <p>Work runs outside transactions and must not stop because its log cannot be written: while the database cannot be
 * reached, lines wait here (in order, up to a bound) and a writer of their own writes them, in order, once it answers
 * again; lines logged meanwhile queue behind them.
 */
@ApplicationScoped
public class JobLogger {

    private static final Logger LOG = Logger.getLogger(JobLogger.class);
    private static final int MAX_MESSAGE_LENGTH = 8_000;
    private static final int MAX_WAITING_LINES = 10_000;

    private record Line(UUID jobId, PipelineStep step, JobLogRecord.Level level, String text, Instant at) {
    }

    private final OutboxWriter outbox;
    private final JobLogStream stream;
    private final PlatformConfig config;
    private final Deque<Line> waiting = new ArrayDeque<>();
    private final Object writing = new Object();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "job-log-writer");
                thread.setDaemon(true);
                return thread;
            });
    private final AtomicBoolean writerScheduled = new AtomicBoolean();

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

    public void log(UUID jobId, PipelineStep step, JobLogRecord.Level level, String message) {
        String text = message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH) + "…" : message;
        LOG.logf(toJBossLevel(level), "[job %s] %s", jobId, text);
        Line line = new Line(jobId, step, level, text, Instant.now());
        synchronized (waiting) {
            if (!waiting.isEmpty()) {
                keep(line);
                writeLater();
                return;
            }
        }
        try {
            write(line);
        } catch (RuntimeException e) {
            if (!InfrastructureFaults.saysDatabaseUnreachable(e)) {
                throw e;
            }
            synchronized (waiting) {
                keep(line);
            }
            writeLater();
        }
    }

    /**
     * Writes the lines that waited for the database, in order; returns false at the first that still cannot be
     * written for that reason. A line that fails for any other reason is dropped (the service's own log has it).
     */
    public boolean writeWaitingLines() {
        synchronized (writing) {
            while (true) {
                Line next;
                synchronized (waiting) {
                    next = waiting.peekFirst();
                }
                if (next == null) {
                    return true;
                }
                try {
                    write(next);
                } catch (RuntimeException e) {
                    if (InfrastructureFaults.saysDatabaseUnreachable(e)) {
                        return false;
                    }
                    LOG.errorf(e, "A log line of job %s could not be stored and is dropped", next.jobId());
                }
                synchronized (waiting) {
                    waiting.pollFirst();
                }
            }
        }
    }

    /** The lines' own writer tries every second until every waiting line is written. */
    private void writeLater() {
        if (!writerScheduled.compareAndSet(false, true)) {
            return;
        }
        writer.execute(() -> {
            try {
                while (!writeWaitingLines()) {
                    Thread.sleep(1_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                writerScheduled.set(false);
                synchronized (waiting) {
                    if (!waiting.isEmpty()) {
                        writeLater();
                    }
                }
            }
        });
    }

    /** At shutdown, the waiting lines get one more chance; what still cannot be written is in the service's own log. */
    @PreDestroy
    void writeWaitingLinesAtShutdown() {
        writer.shutdownNow();
        if (!writeWaitingLines()) {
            LOG.warnf("%d job log lines could not be stored before shutdown (the database did not answer)",
                    waiting.size());
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JobLogEntry> linesAfter(UUID jobId, long afterId) {
        return JobLogEntry.list("jobId = ?1 and id > ?2 order by id", jobId, afterId);
    }

    private void write(Line line) {
        QuarkusTransaction.requiringNew().run(() -> {
            JobLogEntry entry = new JobLogEntry();
            entry.jobId = line.jobId();
            entry.step = line.step();
            entry.level = line.level();
            entry.message = line.text();
            entry.loggedAt = line.at();
            entry.persistAndFlush();
            outbox.append(new JobLogRecord(UUID.randomUUID(), line.jobId(), null, entry.loggedAt,
                    EventType.CURRENT_SCHEMA_VERSION, config.serviceName(), line.step(), entry.id, line.level(),
                    line.text()));
            stream.lineAfterCommit(entry);
        });
    }

    /** Caller holds the lock. The oldest lines give way when too many wait: the service's own log has them all. */
    private void keep(Line line) {
        if (waiting.size() >= MAX_WAITING_LINES) {
            waiting.pollFirst();
        }
        waiting.addLast(line);
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
