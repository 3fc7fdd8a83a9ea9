package io.automl4j.registry.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Blobs in a chunked table {@code blob_chunk(sha256, idx, data)} written inside the metadata transaction
 * (PostgreSQL {@code bytea}, SQLite {@code BLOB} for the in-memory store).
 */
final class SqlBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqlBlobStore.class);
    static final int CHUNK = 1 << 20;

    /**
     * PostgreSQL: registrations take {@code ROW SHARE} on the chunk table until they commit and gc takes
     * {@code EXCLUSIVE} before it reads which blobs are referenced, so gc never deletes the chunks of a registration
     * that found them already stored but has not committed its version yet (REG-R20). SQLite transactions are
     * exclusive anyway.
     */
    private final boolean postgres;

    SqlBlobStore(boolean postgres) {
        this.postgres = postgres;
    }

    @Override
    public void lockForGc(Connection c) throws SQLException {
        if (postgres) {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("LOCK TABLE blob_chunk IN EXCLUSIVE MODE");
            }
        }
    }

    @Override
    public void prepare(String sha, byte[] bytes) {
        // written in the transaction
    }

    @Override
    public void putInTx(Connection c, String sha, byte[] bytes) throws SQLException {
        if (postgres) {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("LOCK TABLE blob_chunk IN ROW SHARE MODE");
            }
        }
        boolean stored;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM blob_chunk WHERE sha256 = ? AND idx = 0")) {
            ps.setString(1, sha);
            try (ResultSet rs = ps.executeQuery()) {
                stored = rs.next();
            }
        }
        if (stored) {
            // Identical content is stored once, but a new version must never point at bytes that no longer match
            // their digest (REG-R20): verify the stored chunks and replace them when they were damaged, as the file
            // store does, so that every store behaves the same.
            byte[] existing = read(c, sha);
            if (existing != null && Artifacts.sha256(existing).equals(sha)) {
                return;
            }
            LOG.warn("Stored blob sha256 {} does not match its digest ({} bytes); replacing it with the bytes being "
                    + "registered", sha, existing == null ? 0 : existing.length);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM blob_chunk WHERE sha256 = ?")) {
                del.setString(1, sha);
                del.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO blob_chunk (sha256, idx, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            int idx = 0;
            for (int off = 0; off < bytes.length || idx == 0; off += CHUNK) {
                int len = Math.min(CHUNK, bytes.length - off);
                byte[] chunk = new byte[Math.max(0, len)];
                System.arraycopy(bytes, off, chunk, 0, chunk.length);
                ps.setString(1, sha);
                ps.setInt(2, idx++);
                ps.setBytes(3, chunk);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public byte[] read(Connection c, String sha) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT data FROM blob_chunk WHERE sha256 = ? ORDER BY idx")) {
            ps.setString(1, sha);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean any = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    any = true;
                    out.writeBytes(rs.getBytes(1));
                }
            }
            return any ? out.toByteArray() : null;
        }
    }

    @Override
    public int gc(Connection c, Set<String> referenced, Duration minAge) throws SQLException {
        List<String> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT sha256 FROM blob_chunk");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        int removed = 0;
        try (PreparedStatement del = c.prepareStatement("DELETE FROM blob_chunk WHERE sha256 = ?")) {
            for (String sha : all) {
                if (!referenced.contains(sha)) {
                    del.setString(1, sha);
                    del.executeUpdate();
                    removed++;
                }
            }
        }
        return removed;
    }
}
