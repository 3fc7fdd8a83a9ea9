package io.automl4j.registry.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/** Content-addressed artifact storage (REG-R20). */
interface BlobStore {
    /** Makes the blob durable before the metadata transaction starts (file store); may be a no-op. */
    void prepare(String sha256, byte[] bytes) throws IOException;

    /**
     * Called first in gc's transaction, before the referenced blobs are read: blocks registrations that could
     * reference a blob gc is about to delete (SQL store on PostgreSQL); may be a no-op.
     *
     * @param c the transaction's connection
     * @throws SQLException on database errors
     */
    default void lockForGc(Connection c) throws SQLException {
    }

    /**
     * Inside the metadata transaction, before the version row is written: stores the blob (SQL store) or makes sure
     * the blob prepared before the transaction is still present (file store), so that a committed version never
     * points at a blob a concurrent gc removed.
     */
    void putInTx(Connection c, String sha256, byte[] bytes) throws SQLException, IOException;

    /** @return the bytes, or null when missing (not verified: the caller checks the digest) */
    byte[] read(Connection c, String sha256) throws IOException, SQLException;

    /** Removes blobs not in {@code referenced}, older than {@code minAge}; returns how many were removed. */
    int gc(Connection c, Set<String> referenced, Duration minAge) throws IOException, SQLException;
}
