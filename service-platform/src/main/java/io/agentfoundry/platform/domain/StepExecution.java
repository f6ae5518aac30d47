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

    /** Attempts started, counted when each starts: a crash cannot roll the count back. Also the attempt's fence. */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "input_event_id")
    public UUID inputEventId;

    /** The event that started the step, as received: what a takeover or a retry runs the step from again. */
    @Column(name = "input_event")
    public String inputEvent;

    @Column(name = "input_event_type")
    public String inputEventType;

    /** Who works on the step while it is RUNNING; null when its owner handed it back on shutdown. */
    @Column(name = "lease_owner")
    public String leaseOwner;

    @Column(name = "lease_expires_at")
    public Instant leaseExpiresAt;

    /** Leases of the current input that expired because their owner stopped renewing them. */
    @Column(nullable = false)
    public int crashes;

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

    /** Whether this attempt of this owner still holds the step: the fence every write of an attempt passes. */
    public boolean heldBy(String owner, int attempt) {
        return status == StepStatus.RUNNING && owner.equals(leaseOwner) && attempts == attempt;
    }
}
