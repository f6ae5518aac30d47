package io.agentfoundry.platform.domain;

import io.agentfoundry.events.PipelineStep;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** This service's step for one job: the state a service owns. */
@Entity
@Table(name = "step_execution")
public class StepExecution extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PipelineStep step;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public StepStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "input_event_id")
    public UUID inputEventId;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The step's output event as JSON, once it succeeded. */
    public String result;

    @Column(name = "error_code")
    public String errorCode;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
