package io.agentfoundry.platform.messaging;

import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.JobRetried;
import io.agentfoundry.events.Topics;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every service lifts a retried job's cancellation; the service of the retried step runs it again ({@link
 * StepRunner#retry}).
 */
@Startup
@ApplicationScoped
public class JobRetriedConsumer {

    private final InboundRecords inbound;

    JobRetriedConsumer(InboundRecords inbound, StepRunner steps) {
        this.inbound = inbound;
        inbound.register(Topics.JOB_RETRIED, record -> steps.retry(EventCodec.decode(record.value(), JobRetried.class)));
    }

    @Incoming(Topics.JOB_RETRIED)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbound.process(record);
    }
}
