package io.agentfoundry.tester.domain;

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

/** One check of a job's test run (health, or a test case) and its outcome. */
@Entity
@Table(name = "test_check")
public class TestCheck extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public boolean passed;

    /** Why it passed or, naming each unmet expectation, why it failed. */
    @Column(nullable = false)
    public String detail;

    /** What was sent to the agent; null for the health check. */
    public String prompt;

    /** The start of the raw response. */
    public String excerpt;

    @Column(name = "latency_ms")
    public Long latencyMs;

    @Column(name = "checked_at", nullable = false)
    public Instant checkedAt;

    public static List<TestCheck> ofJob(UUID jobId) {
        return list("jobId = ?1 order by id", jobId);
    }
}
