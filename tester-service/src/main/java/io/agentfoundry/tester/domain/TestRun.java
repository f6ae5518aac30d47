package io.agentfoundry.tester.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A job's test run: its outcome, latency percentiles and the runtime's logs for the run's window. */
@Entity
@Table(name = "test_run")
public class TestRun extends PanacheEntityBase {

    @Id
    @Column(name = "job_id")
    public UUID jobId;

    @Column(nullable = false)
    public String target;

    @Column(name = "runtime_id")
    public String runtimeId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "finished_at", nullable = false)
    public Instant finishedAt;

    @Column(nullable = false)
    public boolean passed;

    @Column(name = "checks_passed", nullable = false)
    public int checksPassed;

    @Column(name = "checks_failed", nullable = false)
    public int checksFailed;

    @Column(name = "latency_p50_ms")
    public Long latencyP50Ms;

    @Column(name = "latency_p95_ms")
    public Long latencyP95Ms;

    @Column(nullable = false)
    public String summary;

    /** Null when no reader serves the target; see {@code RuntimeLogs}. */
    @Column(name = "runtime_logs")
    public String runtimeLogs;
}
