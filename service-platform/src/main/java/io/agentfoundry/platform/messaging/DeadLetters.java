package io.agentfoundry.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.platform.domain.DeadLetter;
import io.agentfoundry.platform.service.InfrastructureFaults;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * This service's dead letters, for operators: listed, and replayed through the handler of the topic they were read
 * from, as they were read. A replay is idempotent: a dead letter that was replayed is not replayed again.
 */
@ApplicationScoped
public class DeadLetters {

    public enum Outcome {
        /** Handled now. */
        REPLAYED,
        /** Handled by an earlier replay; nothing was done. */
        ALREADY_REPLAYED,
        /** Failed again; the dead letter stays open with the new reason. */
        FAILED
    }

    public record Replay(DeadLetter letter, Outcome outcome, String error) {
    }

    /** {@code open}: not replayed yet; {@code replayed}; null: all. */
    public record Filter(Boolean replayed, UUID jobId) {
    }

    private static final int MAX_REPLAYED_BY = 200;

    private final InboundRecords inbound;
    private final EntityManager entityManager;

    DeadLetters(InboundRecords inbound, EntityManager entityManager) {
        this.inbound = inbound;
        this.entityManager = entityManager;
    }

    /** Newest first. */
    public List<DeadLetter> list(Filter filter, int page, int size) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            StringBuilder query = new StringBuilder("1 = 1");
            var parameters = new java.util.HashMap<String, Object>();
            if (filter.replayed() != null) {
                query.append(filter.replayed() ? " and replayedAt is not null" : " and replayedAt is null");
            }
            if (filter.jobId() != null) {
                query.append(" and jobId = :job");
                parameters.put("job", filter.jobId());
            }
            return DeadLetter.<DeadLetter>find(query.toString(), Sort.descending("id"), parameters)
                    .page(Page.of(page, size)).list();
        });
    }

    public Optional<DeadLetter> find(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> DeadLetter.findByIdOptional(id));
    }

    /**
     * Empty when there is no such dead letter. The handler runs outside any transaction of this one's (it starts a
     * step, or acts, in transactions of its own, and may wait for a free worker); the outcome is recorded after it. Two
     * replays at once both run the handler, which acts once per event id; the first to record its outcome wins.
     */
    public Optional<Replay> replay(long id, String replayedBy) {
        DeadLetter letter = QuarkusTransaction.requiringNew().call(() -> DeadLetter.<DeadLetter>findById(id));
        if (letter == null) {
            return Optional.empty();
        }
        if (letter.replayedAt != null) {
            return Optional.of(new Replay(letter, Outcome.ALREADY_REPLAYED, null));
        }
        String error;
        if (!inbound.handles(letter.topic)) {
            error = "This service no longer handles " + letter.topic;
        } else {
            try {
                inbound.replay(new InboundRecord(letter.topic, letter.partition, letter.offset, letter.key,
                        letter.payload, headers(letter)));
                error = null;
            } catch (RuntimeException e) {
                if (InfrastructureFaults.saysDatabaseUnreachable(e)) {
                    throw e;
                }
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        String by = replayedBy.length() <= MAX_REPLAYED_BY ? replayedBy : replayedBy.substring(0, MAX_REPLAYED_BY);
        String failure = error;
        return Optional.of(QuarkusTransaction.requiringNew().call(() -> {
            DeadLetter current = entityManager.find(DeadLetter.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (current.replayedAt != null) {
                return new Replay(current, Outcome.ALREADY_REPLAYED, null);
            }
            current.replayAttempts++;
            if (failure != null) {
                current.lastReplayError = failure;
                return new Replay(current, Outcome.FAILED, failure);
            }
            current.replayedAt = Instant.now();
            current.replayedBy = by;
            current.lastReplayError = null;
            return new Replay(current, Outcome.REPLAYED, null);
        }));
    }

    static Map<String, String> headers(DeadLetter letter) {
        try {
            return EventCodec.mapper().readValue(letter.headers, new TypeReference<Map<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The stored headers of dead letter " + letter.id + " are not JSON", e);
        }
    }
}
