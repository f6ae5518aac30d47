package io.agentfoundry.platform.messaging;

import io.agentfoundry.events.JobCancelled;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.service.CancelledJobs;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Every service records cancelled jobs, so that {@link StepRunner} starts no further step for them. */
@Startup
@ApplicationScoped
public class JobCancelledConsumer {

    private final InboundRecords inbound;

    JobCancelledConsumer(InboundRecords inbound, CancelledJobs cancelled) {
        this.inbound = inbound;
        inbound.register(JobCancelled.class, event -> cancelled.record(event.jobId(), event.occurredAt(), event.reason()));
    }

    @Incoming(Topics.JOB_CANCELLED)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }
}
