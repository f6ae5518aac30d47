package io.agentfoundry.generator.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

@Entity
@Table(name = "generated_file")
public class GeneratedFile extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public byte[] content;

    @Column(nullable = false)
    public String sha256;

    public static List<GeneratedFile> ofJob(UUID jobId) {
        return list("key.jobId = ?1 order by key.path", jobId);
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "job_id")
        public UUID jobId;

        @Column(name = "path")
        public String path;

        public Key() {
        }

        public Key(UUID jobId, String path) {
            this.jobId = jobId;
            this.path = path;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(jobId, key.jobId) && Objects.equals(path, key.path);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobId, path);
        }
    }
}
