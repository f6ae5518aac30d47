package io.agentfoundry.platform.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A record waiting in the outbox, or already relayed to Kafka: an event of the contract (sent with CloudEvents
 * headers, keyed by its job id) or a raw record such as a dead letter (sent with its own key and headers).
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    /** The event's job; null for a raw record. */
    @Column(name = "job_id")
    public UUID jobId;

    @Column(nullable = false)
    public String topic;

    /** The CloudEvent type of an event; null for a raw record. */
    @Column(name = "cloud_event_type")
    public String cloudEventType;

    /** A raw record's key (an event's is its job id). */
    @Column(name = "record_key")
    public String recordKey;

    /** A raw record's headers, as a JSON object of strings. */
    public String headers;

    @Column(nullable = false)
    public String payload;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "publish_attempts", nullable = false)
    public int publishAttempts;

    @Column(name = "last_error")
    public String lastError;

    public boolean isEvent() {
        return cloudEventType != null;
    }
}
