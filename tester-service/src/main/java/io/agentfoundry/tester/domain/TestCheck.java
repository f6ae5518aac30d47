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

/** One check of a job's test run and its outcome. */
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

    @Column(nullable = false)
    public String detail;

    @Column(name = "latency_ms")
    public Long latencyMs;

    @Column(name = "checked_at", nullable = false)
    public Instant checkedAt;

    public static List<TestCheck> ofJob(UUID jobId) {
        return list("jobId = ?1 order by id", jobId);
    }
}
