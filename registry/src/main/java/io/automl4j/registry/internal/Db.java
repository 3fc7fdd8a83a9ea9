package io.automl4j.registry.internal;

import io.automl4j.registry.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Connection handling and transactions for one SQL dialect. In-process writers are serialised by a lock (events
 * then fire in commit order); other processes are serialised by the database (SQLite's write lock taken with
 * {@code BEGIN IMMEDIATE} plus busy timeout; PostgreSQL row locks on the counter rows).
 */
abstract class Db implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Db.class);

    /** Work inside a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    enum Dialect {
        SQLITE("BLOB", "VARCHAR(63)"), POSTGRES("BYTEA", "VARCHAR(63) COLLATE \"C\"");

        final String blobType;
        /** Name columns: byte-order comparison on both, so that paging by name agrees across stores. */
        final String nameType;

        Dialect(String blobType, String nameType) {
            this.blobType = blobType;
            this.nameType = nameType;
        }

        String forUpdate() {
            return this == POSTGRES ? " FOR UPDATE" : "";
        }

        String contains(String column) {
            return this == POSTGRES ? "strpos(" + column + ", ?) > 0" : "instr(" + column + ", ?) > 0";
        }
    }

    final Dialect dialect;
    final ReentrantLock writeLock = new ReentrantLock(true);
    final String description;

    Db(Dialect dialect, String description) {
        this.dialect = dialect;
        this.description = description;
    }

    abstract <T> T write(Work<T> work);

    abstract <T> T read(Work<T> work);

    @Override
    public abstract void close();

    static RegistryException wrap(String what, Exception e) {
        if (e instanceof RuntimeException r && e instanceof io.automl4j.api.AutoMLException) {
            return r instanceof RegistryException re ? re : new RegistryException(r.getMessage(), r);
        }
        return new RegistryException(what + ": " + e.getMessage(), e);
    }

    /**
     * SQLite: a write connection guarded by a lock (writes in {@code BEGIN IMMEDIATE}) and, for a file database, a
     * separate read connection so that lookups read a WAL snapshot without waiting for a writer's fsync.
     */
    static final class Sqlite extends Db {
        private final Connection conn;
        private final ReentrantLock connLock = new ReentrantLock();
        private volatile Connection readConn;
        private final ReentrantLock readLock = new ReentrantLock();

        Sqlite(Connection conn, String description) {
            super(Dialect.SQLITE, description);
            this.conn = conn;
        }

        /** Uses {@code c} for reads from now on (call after the schema is migrated). */
        void readConnection(Connection c) {
            this.readConn = c;
        }

        @Override
        <T> T write(Work<T> work) {
            connLock.lock();
            try {
                for (int attempt = 1; ; attempt++) {
                    try (Statement st = conn.createStatement()) {
                        st.execute("BEGIN IMMEDIATE");
                    } catch (SQLException e) {
                        if (isBusy(e) && attempt < 20) {
                            LOG.debug("{} busy on BEGIN IMMEDIATE, retry {}", description, attempt);
                            sleep(attempt);
                            continue;
                        }
                        throw wrap("Cannot start a transaction on " + description, e);
                    }
                    boolean ok = false;
                    try {
                        T result = work.run(conn);
                        try (Statement st = conn.createStatement()) {
                            st.execute("COMMIT");
                        }
                        ok = true;
                        return result;
                    } catch (SQLException | IOException e) {
                        throw wrap("Storage error on " + description, e);
                    } finally {
                        if (!ok) {
                            rollback();
                        }
                    }
                }
            } finally {
                connLock.unlock();
            }
        }

        private void rollback() {
            try (Statement st = conn.createStatement()) {
                {
                    st.execute("ROLLBACK");
                }
            } catch (SQLException e) {
                // no transaction active (e.g. COMMIT failed after ending it)
                LOG.debug("rollback on {}: {}", description, e.getMessage());
            }
        }

        @Override
        <T> T read(Work<T> work) {
            Connection rc = readConn;
            if (rc == null) {
                connLock.lock();
                try {
                    return work.run(conn);
                } catch (SQLException | IOException e) {
                    throw wrap("Storage error on " + description, e);
                } finally {
                    connLock.unlock();
                }
            }
            readLock.lock();
            try {
                // One deferred read transaction: every statement of the work sees the same WAL snapshot.
                try (Statement st = rc.createStatement()) {
                    st.execute("BEGIN");
                }
                try {
                    return work.run(rc);
                } finally {
                    try (Statement st = rc.createStatement()) {
                        st.execute("COMMIT");
                    }
                }
            } catch (SQLException | IOException e) {
                throw wrap("Storage error on " + description, e);
            } finally {
                readLock.unlock();
            }
        }

        @Override
        public void close() {
            connLock.lock();
            readLock.lock();
            try {
                conn.close();
                if (readConn != null) {
                    readConn.close();
                }
            } catch (SQLException e) {
                LOG.warn("closing {}: {}", description, e.getMessage());
            } finally {
                readLock.unlock();
                connLock.unlock();
            }
        }

        private static boolean isBusy(SQLException e) {
            String m = String.valueOf(e.getMessage());
            return e.getErrorCode() == 5 || e.getErrorCode() == 6 || m.contains("SQLITE_BUSY")
                    || m.contains("SQLITE_LOCKED");
        }
    }

    /** PostgreSQL: pooled connections from a data source; writes retried on serialisation failures. */
    static final class Postgres extends Db {
        private final DataSource ds;
        private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
        private volatile boolean closed;

        Postgres(DataSource ds, String description) {
            super(Dialect.POSTGRES, description);
            this.ds = ds;
        }

        private Connection take() throws SQLException {
            Connection c;
            while ((c = idle.pollFirst()) != null) {
                if (!c.isClosed()) {
                    return c;
                }
            }
            return ds.getConnection();
        }

        private void give(Connection c, boolean healthy) {
            try {
                if (healthy && !closed && idle.size() < 8) {
                    idle.addFirst(c);
                } else {
                    c.close();
                }
            } catch (SQLException e) {
                LOG.debug("closing connection: {}", e.getMessage());
            }
        }

        @Override
        <T> T write(Work<T> work) {
            for (int attempt = 1; ; attempt++) {
                Connection c;
                try {
                    c = take();
                } catch (SQLException e) {
                    throw wrap("Cannot connect to " + description, e);
                }
                boolean healthy = true;
                try {
                    c.setAutoCommit(false);
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException e) {
                    rollback(c);
                    String state = String.valueOf(e.getSQLState());
                    if ((state.equals("40001") || state.equals("40P01")) && attempt < 10) {
                        LOG.debug("{} serialisation failure {}, retry {}", description, state, attempt);
                        sleep(attempt);
                        continue;
                    }
                    healthy = !state.startsWith("08");
                    throw wrap("Storage error on " + description, e);
                } catch (IOException | RuntimeException e) {
                    rollback(c);
                    if (e instanceof RuntimeException r) {
                        throw r;
                    }
                    throw wrap("Storage error on " + description, e);
                } finally {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException e) {
                        healthy = false;
                    }
                    give(c, healthy);
                }
            }
        }

        private static void rollback(Connection c) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // connection is broken; it is discarded by give()
            }
        }

        @Override
        <T> T read(Work<T> work) {
            Connection c;
            try {
                c = take();
            } catch (SQLException e) {
                throw wrap("Cannot connect to " + description, e);
            }
            boolean healthy = true;
            try {
                return work.run(c);
            } catch (SQLException e) {
                healthy = !String.valueOf(e.getSQLState()).startsWith("08");
                throw wrap("Storage error on " + description, e);
            } catch (IOException e) {
                throw wrap("Storage error on " + description, e);
            } finally {
                give(c, healthy);
            }
        }

        @Override
        public void close() {
            closed = true;
            Connection c;
            while ((c = idle.pollFirst()) != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
        }
    }

    static void sleep(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L * attempt) + java.util.concurrent.ThreadLocalRandom.current().nextLong(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("Interrupted while waiting for the registry lock", e);
        }
    }
}
