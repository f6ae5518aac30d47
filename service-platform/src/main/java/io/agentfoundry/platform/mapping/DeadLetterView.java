package io.agentfoundry.platform.mapping;

import io.agentfoundry.platform.domain.DeadLetter;

import java.time.Instant;
import java.util.UUID;

/** A dead letter as operators see it; the record's value is only in the single view, it may be large. */
public record DeadLetterView(long id, String service, String topic, int partition, long offset, String key, UUID jobId,
                             String reason, String cause, Instant deadLetteredAt, Instant replayedAt,
                             String replayedBy, int replayAttempts, String lastReplayError, String payload) {

    public static DeadLetterView summary(DeadLetter letter, String service) {
        return of(letter, service, null);
    }

    public static DeadLetterView full(DeadLetter letter, String service) {
        return of(letter, service, letter.payload);
    }

    private static DeadLetterView of(DeadLetter letter, String service, String payload) {
        return new DeadLetterView(letter.id, service, letter.topic, letter.partition, letter.offset, letter.key,
                letter.jobId, letter.reason, letter.cause, letter.deadLetteredAt, letter.replayedAt, letter.replayedBy,
                letter.replayAttempts, letter.lastReplayError, payload);
    }
}
