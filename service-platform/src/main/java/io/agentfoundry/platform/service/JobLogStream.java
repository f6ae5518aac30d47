package io.agentfoundry.platform.service;

import io.agentfoundry.platform.domain.JobLogEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.UUID;

/** This service's log lines and step endings, live, for the SSE clients watching a job on this instance. */
@ApplicationScoped
public class JobLogStream {

    private final JobFeed<Item> feed;

    JobLogStream(TransactionSynchronizationRegistry transactions) {
        this.feed = new JobFeed<>(transactions);
    }

    /** A committed log line, or the news that the step reached a terminal state (no more lines are expected). */
    public sealed interface Item {
    }

    public record Line(JobLogEntry entry) implements Item {
    }

    public record StepFinished() implements Item {
    }

    public AutoCloseable subscribe(UUID jobId, java.util.function.Consumer<Item> subscriber) {
        return feed.subscribe(jobId, subscriber);
    }

    void lineAfterCommit(JobLogEntry line) {
        feed.publishAfterCommit(line.jobId, new Line(line));
    }

    void stepFinishedAfterCommit(UUID jobId) {
        feed.publishAfterCommit(jobId, new StepFinished());
    }
}
