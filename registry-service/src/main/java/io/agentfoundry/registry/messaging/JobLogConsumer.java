package io.agentfoundry.registry.messaging;

import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.JobLogRecord;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.IdempotentConsumer;
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

    JobLogConsumer(InboundRecords inbound, IdempotentConsumer consumer, JobEventService events) {
        this.inbound = inbound;
        inbound.register(Topics.JOB_LOGS, record -> {
            JobLogRecord line = EventCodec.decode(record.value(), JobLogRecord.class);
            consumer.processOnce(line, () -> events.logLine(line));
        });
    }

    @Incoming(Topics.JOB_LOGS)
    @Blocking
    public void logged(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }
}
