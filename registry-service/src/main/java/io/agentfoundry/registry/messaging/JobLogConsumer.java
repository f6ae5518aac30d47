package io.agentfoundry.registry.messaging;

import io.agentfoundry.events.JobLogRecord;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.InboundRecords;
import io.agentfoundry.registry.service.JobEventService;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Log lines of all five services, kept in each job's event stream. */
@Startup
@ApplicationScoped
public class JobLogConsumer {

    private final InboundRecords inbound;

    JobLogConsumer(InboundRecords inbound, JobEventService events) {
        this.inbound = inbound;
        inbound.register(JobLogRecord.class, events::logLine);
    }

    @Incoming(Topics.JOB_LOGS)
    @Blocking
    public void logged(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }
}
