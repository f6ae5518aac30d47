package io.agentfoundry.platform.domain;

import io.agentfoundry.events.JobLogRecord;
import io.agentfoundry.events.PipelineStep;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One log line of a job, as this service wrote it. */
@Entity
@Table(name = "job_log")
public class JobLogEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    @Enumerated(EnumType.STRING)
    public PipelineStep step;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobLogRecord.Level level;

    @Column(nullable = false)
    public String message;

    @Column(name = "logged_at", nullable = false)
    public Instant loggedAt;
}
