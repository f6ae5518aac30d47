package io.agentfoundry.registry.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One entry of a job's event stream: a log line of any service, or a step or job transition seen by the registry. */
@Entity
@Table(name = "job_event")
public class JobEvent extends PanacheEntityBase {

    public static final String LOG = "log";
    public static final String STEP = "step";
    public static final String JOB = "job";

    /** This registry's sequence: the SSE event id. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    /** {@link #LOG}, {@link #STEP} or {@link #JOB}. */
    @Column(nullable = false)
    public String kind;

    /** The service that wrote a log line, or that runs a step. */
    public String service;

    public String step;

    /** A step's or the job's new status. */
    public String status;

    public String level;

    public Integer attempts;

    public String message;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** The JobLogRecord a log line came from. */
    @Column(name = "source_event_id")
    public UUID sourceEventId;

    public static List<JobEvent> after(UUID jobId, long afterId) {
        return list("jobId = ?1 and id > ?2 order by id", jobId, afterId);
    }
}
