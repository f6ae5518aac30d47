package io.agentfoundry.platform.messaging;

import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.JobCancelled;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.service.CancelledJobs;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every service records cancelled jobs, so that {@link StepRunner} starts no further step for them. */
@ApplicationScoped
public class JobCancelledConsumer {

    private final IdempotentConsumer consumer;
    private final CancelledJobs cancelled;

    JobCancelledConsumer(IdempotentConsumer consumer, CancelledJobs cancelled) {
        this.consumer = consumer;
        this.cancelled = cancelled;
    }

    @Incoming(Topics.JOB_CANCELLED)
    @Blocking
    public void consume(String record) {
        JobCancelled event = EventCodec.decode(record, JobCancelled.class);
        consumer.processOnce(event, () -> cancelled.record(event.jobId(), event.occurredAt(), event.reason()));
    }
}
