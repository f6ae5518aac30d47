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

/** A record this service could not process, kept as it was read so that an operator can replay it. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "record_partition", nullable = false)
    public int partition;

    @Column(name = "record_offset", nullable = false)
    public long offset;

    @Column(name = "record_key")
    public String key;

    public String payload;

    /** The record's headers as a JSON object of strings. */
    @Column(nullable = false)
    public String headers;

    /** The job the record is about, when its key or ce_subject names one. */
    @Column(name = "job_id")
    public UUID jobId;

    @Column(nullable = false)
    public String reason;

    public String cause;

    @Column(name = "dead_lettered_at", nullable = false)
    public Instant deadLetteredAt;

    @Column(name = "replayed_at")
    public Instant replayedAt;

    @Column(name = "replayed_by")
    public String replayedBy;

    @Column(name = "replay_attempts", nullable = false)
    public int replayAttempts;

    @Column(name = "last_replay_error")
    public String lastReplayError;
}
