package io.agentfoundry.deployer;

import io.agentfoundry.testinfra.agentcore.AgentCoreFake;
import io.agentfoundry.deployer.agentcore.AgentCoreFakeResource;
import io.agentfoundry.testinfra.PipelineTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Rows of the removed RECORDED target (a deployment recorded without a runtime): migration V3 marks them REMOVED, and
 * one the deployer meets anyway is torn down as nothing to tear down. Same test resources as AgentCoreTargetTest, so
 * that the application is shared.
 */
@QuarkusTest
@WithTestResource(value = PipelineTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "deployer_agentcore"))
@WithTestResource(AgentCoreFakeResource.class)
class RecordedTargetRowsTest {

    private static final String V3 = "db/migration/V3__recorded_deployments_removed.sql";

    @Inject
    DataSource dataSource;

    @Test
    void migrationV3MarksRecordedDeploymentsRemoved() throws Exception {
        UUID active = insertRecorded("ACTIVE");
        UUID superseded = insertRecorded("SUPERSEDED");
        Instant before = Instant.now().minusSeconds(1);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(migration());
        }

        for (UUID jobId : new UUID[]{active, superseded}) {
            assertThat(status(jobId)).isEqualTo("REMOVED");
            assertThat(removedAt(jobId)).isAfter(before);
        }
    }

    @Test
    void aRecordedDeploymentIsRemovedWithNothingToTearDown() throws Exception {
        UUID jobId = insertRecorded("ACTIVE");

        given().delete("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("status", equalTo("REMOVED"))
                .body("target", equalTo("RECORDED"));
        given().get("/api/deployments/{jobId}", jobId).then().statusCode(200)
                .body("status", equalTo("REMOVED"));
        assertThat(removedAt(jobId)).isNotNull();
        assertThat(AgentCoreFakeResource.fake().mentioning("recorded-" + jobId)).isEmpty();
    }

    private UUID insertRecorded(String status) throws SQLException {
        UUID jobId = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into deployment (job_id, agent_name, target, runtime_id, image_reference, image_digest, status,"
                        + " created_at) values (?, 'recorded_agent', 'RECORDED', ?, ?, ?, ?, ?)")) {
            insert.setObject(1, jobId);
            insert.setString(2, "recorded-" + jobId);
            insert.setString(3, AgentCoreFake.ECR_REGISTRY + "/agentfoundry/recorded_agent:" + jobId);
            insert.setString(4, "sha256:" + "0f".repeat(32));
            insert.setString(5, status);
            insert.setTimestamp(6, Timestamp.from(Instant.now().minusSeconds(3600)));
            insert.executeUpdate();
        }
        return jobId;
    }

    private String status(UUID jobId) throws SQLException {
        return column(jobId, "status", String.class);
    }

    private Instant removedAt(UUID jobId) throws SQLException {
        Timestamp removedAt = column(jobId, "removed_at", Timestamp.class);
        return removedAt == null ? null : removedAt.toInstant();
    }

    private <T> T column(UUID jobId, String column, Class<T> type) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select " + column + " from deployment where job_id = ?")) {
            select.setObject(1, jobId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("deployment " + jobId).isTrue();
                return row.getObject(1, type);
            }
        }
    }

    private static String migration() throws IOException {
        try (InputStream sql = Thread.currentThread().getContextClassLoader().getResourceAsStream(V3)) {
            assertThat(sql).as(V3).isNotNull();
            return new String(sql.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
