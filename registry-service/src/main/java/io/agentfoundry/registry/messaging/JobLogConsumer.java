package io.agentfoundry.registry.messaging;

import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.JobLogRecord;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.messaging.IdempotentConsumer;
import io.agentfoundry.registry.service.JobEventService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Log lines of all five services, kept in each job's event stream. */
@ApplicationScoped
public class JobLogConsumer {

    private final IdempotentConsumer consumer;
    private final JobEventService events;

    JobLogConsumer(IdempotentConsumer consumer, JobEventService events) {
        this.consumer = consumer;
        this.events = events;
    }

    @Incoming(Topics.JOB_LOGS)
    @Blocking
    public void logged(String record) {
        consumer.process(EventCodec.decode(record, JobLogRecord.class), (line, attempt) -> events.logLine(line),
                exhausted -> {
                    // a lost log line is not worth more than its dead letter
                });
    }
}
