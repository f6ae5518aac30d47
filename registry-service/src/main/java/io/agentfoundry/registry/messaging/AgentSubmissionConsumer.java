package io.agentfoundry.registry.messaging;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.IdempotentConsumer;
import io.agentfoundry.registry.service.JobService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Submissions other platform services publish straight onto the request topic. Accepted requests on the same topic
 * (this registry's own output) are skipped.
 */
@ApplicationScoped
public class AgentSubmissionConsumer {

    private final IdempotentConsumer consumer;
    private final JobService jobs;

    AgentSubmissionConsumer(IdempotentConsumer consumer, JobService jobs) {
        this.consumer = consumer;
        this.jobs = jobs;
    }

    @Incoming(Topics.AGENT_REQUESTED)
    @Blocking
    public void submitted(String record) {
        AgentRequested request = EventCodec.decode(record, AgentRequested.class);
        if (request.isAccepted()) {
            return;
        }
        consumer.process(request, (submission, attempt) -> jobs.acceptSubmission(submission), exhausted -> {
            // the record goes to the dead-letter topic with the reason; there is no job to record it on
        });
    }
}
