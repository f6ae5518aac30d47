package io.agentfoundry.registry.messaging;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.IdempotentConsumer;
import io.agentfoundry.platform.messaging.InboundRecords;
import io.agentfoundry.registry.service.JobService;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Submissions other platform services publish straight onto the request topic. Accepted requests on the same topic
 * (this registry's own output) are skipped.
 */
@Startup
@ApplicationScoped
public class AgentSubmissionConsumer {

    private final InboundRecords inbound;

    AgentSubmissionConsumer(InboundRecords inbound, IdempotentConsumer consumer, JobService jobs) {
        this.inbound = inbound;
        inbound.register(Topics.AGENT_REQUESTED, record -> {
            AgentRequested request = EventCodec.decode(record.value(), AgentRequested.class);
            if (!request.isAccepted()) {
                consumer.processOnce(request, () -> jobs.acceptSubmission(request));
            }
        });
    }

    @Incoming(Topics.AGENT_REQUESTED)
    @Blocking
    public void submitted(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }
}
