package io.agentfoundry.registry.service;

import io.agentfoundry.platform.service.JobFeed;
import io.agentfoundry.registry.domain.JobEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.UUID;
import java.util.function.Consumer;

/** Committed job events (steps, job status, every service's log lines), live, for SSE clients on this instance. */
@ApplicationScoped
public class JobEventStream {

    private final JobFeed<JobEvent> feed;

    JobEventStream(TransactionSynchronizationRegistry transactions) {
        this.feed = new JobFeed<>(transactions);
    }

    public AutoCloseable subscribe(UUID jobId, Consumer<JobEvent> subscriber) {
        return feed.subscribe(jobId, subscriber);
    }

    void publishAfterCommit(JobEvent event) {
        feed.publishAfterCommit(event.jobId, event);
    }
}
