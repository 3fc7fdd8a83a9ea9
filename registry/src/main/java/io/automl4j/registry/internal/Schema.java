package io.automl4j.registry.internal;

import io.automl4j.registry.RegistryException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned schema (REG-R22). Migrations run on open inside a write transaction (SQLite write lock /
 * PostgreSQL advisory lock); a schema newer than {@link #CURRENT} is refused naming both versions.
 */
final class Schema {
    static final int CURRENT = 2;

    private Schema() {
    }

    static List<String> v1(Db.Dialect d) {
        return java.util.stream.Stream.of(
                "CREATE TABLE counters (name VARCHAR(64) PRIMARY KEY, value BIGINT NOT NULL)",
                "CREATE TABLE model_group (name VARCHAR(63) PRIMARY KEY, description TEXT NOT NULL, "
                        + "created_at BIGINT NOT NULL, created_by TEXT NOT NULL, modified_at BIGINT NOT NULL, "
                        + "modified_by TEXT NOT NULL, next_version INTEGER NOT NULL)",
                "CREATE TABLE group_tag (group_name VARCHAR(63) NOT NULL, k VARCHAR(128) NOT NULL, v TEXT NOT NULL, "
                        + "PRIMARY KEY (group_name, k))",
                "CREATE INDEX group_tag_kv ON group_tag (k, v)",
                "CREATE TABLE model_version (group_name VARCHAR(63) NOT NULL, version INTEGER NOT NULL, "
                        + "created_at BIGINT NOT NULL, created_by TEXT NOT NULL, blob_sha256 CHAR(64) NOT NULL, "
                        + "blob_size BIGINT NOT NULL, artifact_format TEXT NOT NULL, "
                        + "artifact_format_version INTEGER NOT NULL, problem_type TEXT, objective_metric TEXT, "
                        + "objective_direction TEXT, metrics TEXT NOT NULL, hyperparameters TEXT NOT NULL, "
                        + "provenance TEXT NOT NULL, signature TEXT NOT NULL, job_id TEXT, job_name TEXT, "
                        + "candidate_name TEXT, data_fingerprint TEXT, source_uri TEXT, description TEXT NOT NULL, "
                        + "metadata TEXT NOT NULL, approval_status VARCHAR(32) NOT NULL, "
                        + "approval_description TEXT NOT NULL, stage TEXT, stage_status TEXT, "
                        + "stage_description TEXT, revision BIGINT NOT NULL, modified_at BIGINT NOT NULL, "
                        + "modified_by TEXT NOT NULL, PRIMARY KEY (group_name, version))",
                "CREATE INDEX mv_approval ON model_version (group_name, approval_status, version)",
                "CREATE INDEX mv_created ON model_version (created_at, group_name, version)",
                "CREATE INDEX mv_modified ON model_version (modified_at, group_name, version)",
                "CREATE INDEX mv_stage ON model_version (stage, stage_status)",
                "CREATE INDEX mv_blob ON model_version (blob_sha256)",
                "CREATE TABLE version_metric (group_name VARCHAR(63) NOT NULL, version INTEGER NOT NULL, "
                        + "name VARCHAR(128) NOT NULL, value DOUBLE PRECISION NOT NULL, "
                        + "PRIMARY KEY (group_name, version, name))",
                "CREATE INDEX vm_name ON version_metric (name, value)",
                "CREATE TABLE version_metadata (group_name VARCHAR(63) NOT NULL, version INTEGER NOT NULL, "
                        + "k VARCHAR(128) NOT NULL, v TEXT NOT NULL, PRIMARY KEY (group_name, version, k))",
                "CREATE INDEX vmd_kv ON version_metadata (k, v)",
                "CREATE TABLE model_alias (group_name VARCHAR(63) NOT NULL, alias VARCHAR(63) NOT NULL, "
                        + "version INTEGER NOT NULL, PRIMARY KEY (group_name, alias))",
                "CREATE INDEX ma_version ON model_alias (group_name, version)",
                "CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, "
                        + "action VARCHAR(32) NOT NULL, group_name VARCHAR(63), version INTEGER NOT NULL, "
                        + "from_json TEXT NOT NULL, to_json TEXT NOT NULL, comment TEXT NOT NULL)",
                "CREATE INDEX al_group ON audit_log (group_name, version, seq)",
                "CREATE INDEX al_at ON audit_log (at)",
                "CREATE TABLE blob_chunk (sha256 CHAR(64) NOT NULL, idx INTEGER NOT NULL, data " + d.blobType
                        + " NOT NULL, PRIMARY KEY (sha256, idx))",
                "INSERT INTO counters (name, value) VALUES ('audit', 0)")
                .map(sql -> sql.replace("VARCHAR(63)", d.nameType)).toList();
    }

    /**
     * Version 2: model cards and their immutable revisions (REG-R13, R14), and the version counters of deleted
     * groups (REG-R3: a re-created group continues the numbering).
     */
    static List<String> v2(Db.Dialect d) {
        return java.util.stream.Stream.of(
                "CREATE TABLE model_card (group_name VARCHAR(63) NOT NULL, version INTEGER NOT NULL, "
                        + "status VARCHAR(32) NOT NULL, revision INTEGER NOT NULL, created_at BIGINT NOT NULL, "
                        + "created_by TEXT NOT NULL, PRIMARY KEY (group_name, version))",
                "CREATE TABLE card_revision (group_name VARCHAR(63) NOT NULL, version INTEGER NOT NULL, "
                        + "revision INTEGER NOT NULL, content TEXT NOT NULL, created_at BIGINT NOT NULL, "
                        + "created_by TEXT NOT NULL, PRIMARY KEY (group_name, version, revision))",
                "CREATE TABLE retired_group (name VARCHAR(63) PRIMARY KEY, next_version INTEGER NOT NULL)")
                .map(sql -> sql.replace("VARCHAR(63)", d.nameType)).toList();
    }

    /** Creates or migrates the schema; call inside a write transaction. */
    static void migrate(Connection c, Db.Dialect d, String where) throws SQLException {
        if (d == Db.Dialect.POSTGRES) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(7340991234)");
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS registry_info (k VARCHAR(64) PRIMARY KEY, v TEXT NOT NULL)");
        }
        int found = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM registry_info WHERE k = 'schema_version'");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                found = Integer.parseInt(rs.getString(1).trim());
            }
        }
        if (found > CURRENT) {
            throw new RegistryException("The registry at " + where + " has schema version " + found
                    + ", newer than the version this library supports (" + CURRENT
                    + "); upgrade automl4j to open it");
        }
        if (found == CURRENT) {
            return;
        }
        if (found == 0) {
            try (Statement st = c.createStatement()) {
                for (String sql : v1(d)) {
                    st.execute(sql);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO registry_info (k, v) VALUES ('schema_version', '1'), ('created_by', ?)")) {
                ps.setString(1, "automl4j registry");
                ps.executeUpdate();
            }
            found = 1;
        }
        if (found < 2) {
            try (Statement st = c.createStatement()) {
                for (String sql : v2(d)) {
                    st.execute(sql);
                }
                st.executeUpdate("UPDATE registry_info SET v = '2' WHERE k = 'schema_version'");
            }
        }
    }
}
