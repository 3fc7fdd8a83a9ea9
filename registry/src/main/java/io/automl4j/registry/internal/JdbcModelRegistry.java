package io.automl4j.registry.internal;

import io.automl4j.api.eval.Direction;
import io.automl4j.api.model.Signature;
import io.automl4j.api.model.TrainedModel;
import io.automl4j.api.provenance.CandidateProvenance;
import io.automl4j.api.provenance.Provenance;
import io.automl4j.registry.ApprovalStatus;
import io.automl4j.registry.ArtifactInfo;
import io.automl4j.registry.ArtifactIntegrityException;
import io.automl4j.registry.CardStatus;
import io.automl4j.registry.ModelCard;
import io.automl4j.registry.AuditAction;
import io.automl4j.registry.AuditEntry;
import io.automl4j.registry.AuditLog;
import io.automl4j.registry.AuditQuery;
import io.automl4j.registry.ConcurrentModificationException;
import io.automl4j.registry.DeleteOptions;
import io.automl4j.registry.GroupAlreadyExistsException;
import io.automl4j.registry.GroupQuery;
import io.automl4j.registry.InputColumn;
import io.automl4j.registry.Lifecycle;
import io.automl4j.registry.LifecyclePolicy;
import io.automl4j.registry.LifecycleTransitionDeniedException;
import io.automl4j.registry.Lineage;
import io.automl4j.registry.ModelGroup;
import io.automl4j.registry.ModelNotFoundException;
import io.automl4j.registry.ModelRegistry;
import io.automl4j.registry.ModelSignature;
import io.automl4j.registry.ModelUri;
import io.automl4j.registry.ModelVersion;
import io.automl4j.registry.Page;
import io.automl4j.registry.RegisterOptions;
import io.automl4j.registry.RegistryEvent;
import io.automl4j.registry.RegistryException;
import io.automl4j.registry.RegistryListener;
import io.automl4j.registry.RegistryOptions;
import io.automl4j.registry.VerifyReport;
import io.automl4j.registry.VersionQuery;
import io.automl4j.registry.VersionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The one registry implementation over JDBC (REG-R22): SQLite for the embedded and in-memory stores, PostgreSQL for
 * the shared store; blobs in files (embedded) or a chunked table (PostgreSQL, in-memory).
 */
public final class JdbcModelRegistry implements ModelRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcModelRegistry.class);
    /** Blobs younger than this are kept by {@link #gc()} (a registration may be between blob write and commit). */
    static final Duration GC_GRACE = Duration.ofMinutes(10);
    private static final String VCOLS = "v.group_name, v.version, v.created_at, v.created_by, v.blob_sha256, "
            + "v.blob_size, v.artifact_format, v.artifact_format_version, v.problem_type, v.objective_metric, "
            + "v.objective_direction, v.metrics, v.hyperparameters, v.provenance, v.signature, v.job_id, v.job_name, "
            + "v.candidate_name, v.data_fingerprint, v.source_uri, v.description, v.metadata, v.approval_status, "
            + "v.approval_description, v.stage, v.stage_status, v.stage_description, v.revision, v.modified_at, "
            + "v.modified_by";

    private final Db db;
    private final BlobStore blobs;
    private final RegistryOptions options;
    private final String where;
    private final ReentrantLock mutationLock = new ReentrantLock(true);
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    /** Committed events not yet delivered, and whether a delivery loop runs; both guarded by mutationLock. */
    private final java.util.ArrayDeque<AuditEntry> pendingEvents = new java.util.ArrayDeque<>();
    private boolean dispatching;
    private volatile boolean closed;

    private JdbcModelRegistry(Db db, BlobStore blobs, RegistryOptions options, String where) {
        this.db = db;
        this.blobs = blobs;
        this.options = Objects.requireNonNull(options, "options");
        this.where = where;
        try {
            db.write(c -> {
                Schema.migrate(c, db.dialect, where);
                return null;
            });
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * @param dir     registry directory
     * @param options options
     * @return an embedded registry: SQLite in WAL mode + file blobs
     */
    public static JdbcModelRegistry embedded(Path dir, RegistryOptions options) {
        try {
            Files.createDirectories(dir);
            FileBlobStore blobs = new FileBlobStore(dir.resolve("blobs").resolve("sha256"));
            SQLiteConfig cfg = new SQLiteConfig();
            cfg.setBusyTimeout(60_000);
            cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
            String url = "jdbc:sqlite:" + dir.resolve("registry.db").toAbsolutePath();
            Connection conn = null;
            for (int attempt = 1; conn == null; attempt++) {
                try {
                    conn = DriverManager.getConnection(url, cfg.toProperties());
                } catch (SQLException e) {
                    if (attempt >= 20 || !String.valueOf(e.getMessage()).contains("SQLITE_BUSY")) {
                        throw e;
                    }
                    Db.sleep(attempt);
                }
            }
            Db.Sqlite db = new Db.Sqlite(conn, "embedded registry " + dir);
            JdbcModelRegistry registry = new JdbcModelRegistry(db, blobs, options, dir.toString());
            try {
                db.readConnection(DriverManager.getConnection(url, cfg.toProperties()));
            } catch (SQLException e) {
                registry.close();
                throw e;
            }
            return registry;
        } catch (IOException | SQLException e) {
            throw new RegistryException("Cannot open the embedded registry at " + dir + ": " + e.getMessage(), e);
        }
    }

    /** @param options options @return an in-memory registry (SQLite :memory:, blobs in a table) */
    public static JdbcModelRegistry inMemory(RegistryOptions options) {
        try {
            Connection conn = DriverManager.getConnection("jdbc:sqlite::memory:");
            return new JdbcModelRegistry(new Db.Sqlite(conn, "in-memory registry"), new SqlBlobStore(false), options,
                    "memory");
        } catch (SQLException e) {
            throw new RegistryException("Cannot open an in-memory registry: " + e.getMessage(), e);
        }
    }

    /** @param ds PostgreSQL data source @param options options @return a PostgreSQL registry */
    public static JdbcModelRegistry postgres(DataSource ds, RegistryOptions options) {
        return new JdbcModelRegistry(new Db.Postgres(ds, "PostgreSQL registry"), new SqlBlobStore(true), options,
                "PostgreSQL");
    }

    // ------------------------------------------------------------------ plumbing

    /** A mutation's context: actor, time, and the audit entries it appended. */
    private record Ctx(String actor, Instant now, List<AuditEntry> events) {
    }

    @FunctionalInterface
    private interface Mutation<T> {
        T run(Connection c, Ctx ctx) throws SQLException, IOException;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("The registry at " + where + " is closed");
        }
    }

    private String actor() {
        String a = options.actor().get();
        if (a == null || a.isBlank()) {
            throw new IllegalStateException("The actor supplier returned no name");
        }
        Names.checkLength("actor", a, 256);
        return a;
    }

    private <T> T mutate(Mutation<T> m) {
        open();
        String actor = actor();
        mutationLock.lock();
        try {
            List<AuditEntry> events = new ArrayList<>();
            T result = db.write(c -> {
                events.clear();
                return m.run(c, new Ctx(actor, options.clock().instant(), events));
            });
            pendingEvents.addAll(events);
            if (!dispatching) {
                dispatch();
            }
            // else: a listener of this thread made this change while an earlier event was being delivered; the
            // outer dispatch delivers it after that event has reached every listener (REG-R17: commit order)
            return result;
        } finally {
            mutationLock.unlock();
        }
    }

    /** Delivers queued events in commit order; runs under {@link #mutationLock}. */
    private void dispatch() {
        dispatching = true;
        try {
            AuditEntry e;
            while ((e = pendingEvents.poll()) != null) {
                RegistryEvent ev = new RegistryEvent(e);
                for (RegistryListener l : listeners) {
                    try {
                        l.onEvent(ev);
                    } catch (VirtualMachineError fatal) {
                        throw fatal;
                    } catch (RuntimeException | Error ex) {
                        // an AssertionError, NoClassDefFoundError, ... of a listener is its own failure too: the
                        // change is committed and the other listeners still get their events (REG-R17)
                        LOG.warn("Registry listener {} failed on event {} #{}: {}", l, e.action(), e.sequence(),
                                ex.toString(), ex);
                    }
                }
            }
        } finally {
            dispatching = false;
            pendingEvents.clear();
        }
    }

    private <T> T query(Db.Work<T> w) {
        open();
        return db.read(w);
    }

    private static void audit(Connection c, Ctx ctx, AuditAction action, String group, int version, Object from,
                              Object to, String comment) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE counters SET value = value + 1 WHERE name = 'audit'")) {
            ps.executeUpdate();
        }
        long seq;
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM counters WHERE name = 'audit'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
        }
        String fromJson = Json.write(from);
        String toJson = Json.write(to);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (seq, at, actor, action, group_name, "
                + "version, from_json, to_json, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setLong(2, ctx.now().toEpochMilli());
            ps.setString(3, ctx.actor());
            ps.setString(4, action.name());
            ps.setString(5, group);
            ps.setInt(6, version);
            ps.setString(7, fromJson);
            ps.setString(8, toJson);
            ps.setString(9, comment == null ? "" : comment);
            ps.executeUpdate();
        }
        ctx.events().add(new AuditEntry(seq, ctx.now(), ctx.actor(), action, group, version, fromJson, toJson,
                comment));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ------------------------------------------------------------------ groups

    @Override
    public ModelGroup createGroup(String name, String description, Map<String, String> tags) {
        checkGroupFields(name, description, tags);
        return mutate((c, ctx) -> {
            if (!insertGroup(c, ctx, name, description, tags)) {
                throw new GroupAlreadyExistsException("Model group '" + name + "' already exists (REG-R2)");
            }
            return loadGroup(c, name);
        });
    }

    @Override
    public ModelGroup createGroupIfAbsent(String name, String description, Map<String, String> tags) {
        checkGroupFields(name, description, tags);
        return mutate((c, ctx) -> {
            insertGroup(c, ctx, name, description, tags);
            return loadGroup(c, name);
        });
    }

    private static void checkGroupFields(String name, String description, Map<String, String> tags) {
        Names.checkGroup(name);
        Names.checkLength("group description", description, 1024);
        Names.checkTags(tags);
    }

    private static boolean insertGroup(Connection c, Ctx ctx, String name, String description,
                                       Map<String, String> tags) throws SQLException {
        int n;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_group (name, description, created_at, "
                + "created_by, modified_at, modified_by, next_version) VALUES (?, ?, ?, ?, ?, ?, "
                + "COALESCE((SELECT r.next_version FROM retired_group r WHERE r.name = ?), 1)) "
                + "ON CONFLICT DO NOTHING")) {
            ps.setString(1, name);
            ps.setString(2, description == null ? "" : description);
            ps.setLong(3, ctx.now().toEpochMilli());
            ps.setString(4, ctx.actor());
            ps.setLong(5, ctx.now().toEpochMilli());
            ps.setString(6, ctx.actor());
            ps.setString(7, name);
            n = ps.executeUpdate();
        }
        if (n == 0) {
            return false;
        }
        // REG-R3 on PostgreSQL: when a deleteGroup of this name in another transaction committed while the INSERT
        // above waited for it (READ COMMITTED), the retired counter was read from the statement's older snapshot;
        // this new statement sees it, so a re-created group never reuses a version number.
        try (PreparedStatement ps = c.prepareStatement("UPDATE model_group SET next_version = (SELECT r.next_version "
                + "FROM retired_group r WHERE r.name = model_group.name) WHERE name = ? AND next_version < "
                + "(SELECT r.next_version FROM retired_group r WHERE r.name = model_group.name)")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        writeTags(c, name, tags);
        audit(c, ctx, AuditAction.GROUP_CREATED, name, 0, null,
                map("name", name, "description", description == null ? "" : description, "tags", tags), null);
        return true;
    }

    private static void writeTags(Connection c, String name, Map<String, String> tags) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM group_tag WHERE group_name = ?")) {
            del.setString(1, name);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO group_tag (group_name, k, v) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> e : new TreeMap<>(tags).entrySet()) {
                ps.setString(1, name);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public ModelGroup updateGroup(String name, String description, Map<String, String> tags) {
        Names.checkGroup(name);
        Names.checkLength("group description", description, 1024);
        if (tags != null) {
            Names.checkTags(tags);
        }
        return mutate((c, ctx) -> {
            // lock first (PostgreSQL): another process's update of this group commits before we read "before", so
            // the audit entry's from-value is the real previous value and no update is silently lost (REG-R15)
            lockGroupRow(c, name);
            ModelGroup before = loadGroup(c, name);
            String d = description == null ? before.description() : description;
            Map<String, String> t = tags == null ? before.tags() : new TreeMap<>(tags);
            if (d.equals(before.description()) && t.equals(before.tags())) {
                return before;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE model_group SET description = ?, modified_at = ?, modified_by = ? WHERE name = ?")) {
                ps.setString(1, d);
                ps.setLong(2, ctx.now().toEpochMilli());
                ps.setString(3, ctx.actor());
                ps.setString(4, name);
                ps.executeUpdate();
            }
            writeTags(c, name, t);
            audit(c, ctx, AuditAction.GROUP_UPDATED, name, 0,
                    map("description", before.description(), "tags", before.tags()),
                    map("description", d, "tags", t), null);
            return loadGroup(c, name);
        });
    }

    @Override
    public ModelGroup group(String name) {
        Names.checkGroup(name);
        return query(c -> loadGroup(c, name));
    }

    private static ModelGroup loadGroup(Connection c, String name) throws SQLException {
        ModelGroup g = tryLoadGroup(c, name);
        if (g == null) {
            throw new ModelNotFoundException("Model group '" + name + "' does not exist");
        }
        return g;
    }

    private static ModelGroup tryLoadGroup(Connection c, String name) throws SQLException {
        String description;
        Instant createdAt;
        String createdBy;
        Instant modifiedAt;
        String modifiedBy;
        try (PreparedStatement ps = c.prepareStatement("SELECT description, created_at, created_by, modified_at, "
                + "modified_by FROM model_group WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                description = rs.getString(1);
                createdAt = Instant.ofEpochMilli(rs.getLong(2));
                createdBy = rs.getString(3);
                modifiedAt = Instant.ofEpochMilli(rs.getLong(4));
                modifiedBy = rs.getString(5);
            }
        }
        Map<String, String> tags = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k, v FROM group_tag WHERE group_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tags.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        long count;
        int latest;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*), COALESCE(MAX(version), 0) FROM model_version WHERE group_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
                latest = rs.getInt(2);
            }
        }
        return new ModelGroup(name, description, tags, createdAt, createdBy, modifiedAt, modifiedBy, count, latest);
    }

    @Override
    public Page<ModelGroup> searchGroups(GroupQuery q) {
        Objects.requireNonNull(q, "query");
        String fp = Artifacts.sha256(("groups|" + q.namePrefix() + "|" + q.nameContains() + "|" + q.tagKey() + "|"
                + q.tagValue()).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        Map<String, Object> token = q.pageToken() == null ? null : decodeToken(q.pageToken(), fp);
        return query(c -> {
            StringBuilder sql = new StringBuilder("SELECT g.name FROM model_group g WHERE 1 = 1");
            List<Object> params = new ArrayList<>();
            if (q.namePrefix() != null) {
                sql.append(" AND substr(g.name, 1, ?) = ?");
                params.add(q.namePrefix().length());
                params.add(q.namePrefix());
            }
            if (q.nameContains() != null) {
                sql.append(" AND ").append(db.dialect.contains("g.name"));
                params.add(q.nameContains());
            }
            if (q.tagKey() != null) {
                sql.append(" AND EXISTS (SELECT 1 FROM group_tag t WHERE t.group_name = g.name AND t.k = ?");
                params.add(q.tagKey());
                if (q.tagValue() != null) {
                    sql.append(" AND t.v = ?");
                    params.add(q.tagValue());
                }
                sql.append(")");
            }
            if (token != null) {
                sql.append(" AND g.name > ?");
                params.add(tokenField(token, "g", String.class, q.pageToken()));
            }
            sql.append(" ORDER BY g.name LIMIT ").append(q.pageSize() + 1);
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            String next = null;
            if (names.size() > q.pageSize()) {
                names = names.subList(0, q.pageSize());
                next = encodeToken(map("f", fp, "g", names.get(names.size() - 1)));
            }
            List<ModelGroup> out = new ArrayList<>();
            for (String n : names) {
                ModelGroup g = tryLoadGroup(c, n);
                if (g != null) {
                    out.add(g);
                }
            }
            return new Page<>(out, next);
        });
    }

    @Override
    public void deleteGroup(String name) {
        Names.checkGroup(name);
        mutate((c, ctx) -> {
            // lock the group row first (PostgreSQL; SQLite's write transaction is exclusive already): a registration
            // in another process bumps next_version on this row, so it either committed before the count below or
            // waits until the group is gone (REG-R19, R21)
            lockGroupRow(c, name);
            ModelGroup g = loadGroup(c, name);
            if (g.versionCount() > 0) {
                throw new IllegalStateException("Model group '" + name + "' has " + g.versionCount()
                        + " version(s); a group can only be deleted when empty (REG-R19)");
            }
            // Keep the group's version counter so that a re-created group never reuses a number (REG-R3): a URI
            // like models:/g/3 must never point at a different artifact.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM retired_group WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO retired_group (name, next_version) "
                    + "SELECT name, next_version FROM model_group WHERE name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            for (String sql : List.of("DELETE FROM model_alias WHERE group_name = ?",
                    "DELETE FROM group_tag WHERE group_name = ?", "DELETE FROM model_group WHERE name = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, name);
                    ps.executeUpdate();
                }
            }
            audit(c, ctx, AuditAction.GROUP_DELETED, name, 0,
                    map("name", name, "description", g.description(), "tags", g.tags()), null, null);
            return null;
        });
    }

    // ------------------------------------------------------------------ registration

    /** Everything fixed at registration (REG-R5). */
    private record Fixed(String format, int formatVersion, String problemType, Map<String, Double> metrics,
                         String objectiveMetric, Direction objectiveDirection, Map<String, String> hyperparameters,
                         String provenanceJson, ModelSignature signature, Lineage lineage) {
    }

    @Override
    public ModelVersion register(String group, TrainedModel model, RegisterOptions opts) {
        Names.checkGroup(group);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(opts, "options");
        byte[] bytes;
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("automl4j-register-");
            Path dir = tmp.resolve("model");
            model.save(dir);
            bytes = Artifacts.zipDir(dir);
        } catch (IOException e) {
            throw new RegistryException("Cannot save the model for group '" + group + "': " + e.getMessage(), e);
        } finally {
            Artifacts.deleteTree(tmp);
        }
        Signature s = model.signature();
        Provenance p = model.provenance();
        List<InputColumn> inputs = s.inputs().stream().map(i -> new InputColumn(i.name(), i.type(), true)).toList();
        ModelSignature sig = new ModelSignature(inputs, s.target(),
                s.outputs().stream().map(Enum::name).toList(), s.labels(), s.positiveClass());
        Map<String, String> hyper = new TreeMap<>();
        String candidate = null;
        if (p != null) {
            List<CandidateProvenance> cands = p.candidates();
            if (cands.size() == 1) {
                hyper.putAll(cands.get(0).hyperparameters());
                hyper.put("algorithm", cands.get(0).algorithm().name());
            } else {
                for (CandidateProvenance cp : cands) {
                    cp.hyperparameters().forEach((k, v) -> hyper.put(cp.name() + "." + k, v));
                    hyper.put(cp.name() + ".algorithm", cp.algorithm().name());
                }
            }
            candidate = cands.stream().map(CandidateProvenance::name).collect(Collectors.joining(","));
            if (candidate.length() > 1024) {
                candidate = candidate.substring(0, 1021) + "...";
            }
        }
        Lineage lineage = new Lineage(opts.jobId(), p == null ? null : p.jobName(), candidate,
                p == null ? null : p.dataFingerprint(), opts.sourceUri());
        Fixed fixed = new Fixed(ArtifactInfo.MODEL_DIR_ZIP, ArtifactInfo.MODEL_DIR_ZIP_VERSION,
                s.problemType().name(), opts.metrics(), opts.objectiveMetric(), opts.objectiveDirection(), hyper,
                p == null ? "{}" : Json.provenance(p), sig, lineage);
        return insert(group, bytes, fixed, opts);
    }

    @Override
    public ModelVersion register(String group, InputStream artifact, VersionSpec spec) {
        Names.checkGroup(group);
        Objects.requireNonNull(artifact, "artifact");
        Objects.requireNonNull(spec, "spec");
        String prov = spec.provenanceJson() == null ? "{}" : Json.write(Json.object(spec.provenanceJson()));
        byte[] bytes = Artifacts.readAll(artifact);
        Fixed fixed = new Fixed(spec.artifactFormat(), spec.artifactFormatVersion(), spec.problemType(),
                spec.metrics(), spec.objectiveMetric(), spec.objectiveDirection(), spec.hyperparameters(), prov,
                spec.signature(), spec.lineage());
        return insert(group, bytes, fixed, spec.options());
    }

    private ModelVersion insert(String group, byte[] bytes, Fixed f, RegisterOptions opts) {
        open();
        String sha = Artifacts.sha256(bytes);
        try {
            blobs.prepare(sha, bytes);
        } catch (IOException e) {
            throw new RegistryException("Cannot write the artifact blob " + sha + " of group '" + group + "': "
                    + e.getMessage(), e);
        }
        String signatureJson = Json.write(f.signature());
        return mutate((c, ctx) -> {
            // REG-R3/R22: the per-group counter row, incremented and read in one statement inside the transaction
            // (row lock on PostgreSQL, database write lock on SQLite); never MAX(version) + 1.
            int version = 0;
            for (int attempt = 1; version == 0; attempt++) {
                insertGroup(c, ctx, group, "", Map.of());
                try (PreparedStatement ps = c.prepareStatement("UPDATE model_group SET next_version = next_version "
                        + "+ 1 WHERE name = ? RETURNING next_version - 1")) {
                    ps.setString(1, group);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            version = rs.getInt(1);
                        } else if (attempt >= 3) {
                            throw new ModelNotFoundException("Model group '" + group + "' does not exist");
                        }
                        // else (PostgreSQL): another transaction deleted the group after the insert above found it;
                        // the group is created again (register creates absent groups), continuing its numbering
                    }
                }
            }
            blobs.putInTx(c, sha, bytes);
            long now = ctx.now().toEpochMilli();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_version (group_name, version, "
                    + "created_at, created_by, blob_sha256, blob_size, artifact_format, artifact_format_version, "
                    + "problem_type, objective_metric, objective_direction, metrics, hyperparameters, provenance, "
                    + "signature, job_id, job_name, candidate_name, data_fingerprint, source_uri, description, "
                    + "metadata, approval_status, approval_description, stage, stage_status, stage_description, "
                    + "revision, modified_at, modified_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    + "?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, 1, ?, ?)")) {
                int i = 1;
                ps.setString(i++, group);
                ps.setInt(i++, version);
                ps.setLong(i++, now);
                ps.setString(i++, ctx.actor());
                ps.setString(i++, sha);
                ps.setLong(i++, bytes.length);
                ps.setString(i++, f.format());
                ps.setInt(i++, f.formatVersion());
                ps.setString(i++, f.problemType());
                ps.setString(i++, f.objectiveMetric());
                ps.setString(i++, f.objectiveDirection() == null ? null : f.objectiveDirection().name());
                ps.setString(i++, Json.write(new TreeMap<>(f.metrics())));
                ps.setString(i++, Json.write(f.hyperparameters()));
                ps.setString(i++, f.provenanceJson());
                ps.setString(i++, signatureJson);
                ps.setString(i++, f.lineage().jobId());
                ps.setString(i++, f.lineage().jobName());
                ps.setString(i++, f.lineage().candidateName());
                ps.setString(i++, f.lineage().dataFingerprint());
                ps.setString(i++, f.lineage().sourceUri());
                ps.setString(i++, opts.description());
                ps.setString(i++, Json.write(opts.metadata()));
                ps.setString(i++, opts.approval().name());
                ps.setString(i++, opts.approvalDescription());
                ps.setLong(i++, now);
                ps.setString(i, ctx.actor());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO version_metric (group_name, version, name, value) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<String, Double> e : f.metrics().entrySet()) {
                    ps.setString(1, group);
                    ps.setInt(2, version);
                    ps.setString(3, e.getKey());
                    ps.setDouble(4, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            writeMetadata(c, group, version, opts.metadata());
            audit(c, ctx, AuditAction.VERSION_REGISTERED, group, version, null,
                    map("version", version, "sha256", sha, "size", bytes.length,
                            "approvalStatus", opts.approval().name()), opts.approvalDescription());
            return loadVersion(c, group, version);
        });
    }

    private static void writeMetadata(Connection c, String group, int version, Map<String, String> md)
            throws SQLException {
        try (PreparedStatement del = c.prepareStatement(
                "DELETE FROM version_metadata WHERE group_name = ? AND version = ?")) {
            del.setString(1, group);
            del.setInt(2, version);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO version_metadata (group_name, version, k, v) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, String> e : md.entrySet()) {
                ps.setString(1, group);
                ps.setInt(2, version);
                ps.setString(3, e.getKey());
                ps.setString(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ------------------------------------------------------------------ reading

    private ModelVersion loadVersion(Connection c, String group, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + VCOLS
                + " FROM model_version v WHERE v.group_name = ? AND v.version = ?")) {
            ps.setString(1, group);
            ps.setInt(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw notFound(c, ModelUri.of(group, version));
                }
                return mapVersion(c, rs);
            }
        }
    }

    private ModelVersion mapVersion(Connection c, ResultSet rs) throws SQLException {
        String group = rs.getString(1);
        int version = rs.getInt(2);
        List<String> aliases = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT alias FROM model_alias WHERE group_name = ? AND version = ? ORDER BY alias")) {
            ps.setString(1, group);
            ps.setInt(2, version);
            try (ResultSet a = ps.executeQuery()) {
                while (a.next()) {
                    aliases.add(a.getString(1));
                }
            }
        }
        String stage = rs.getString(25);
        Lifecycle lc = stage == null ? null : new Lifecycle(stage, rs.getString(26), rs.getString(27));
        String dir = rs.getString(11);
        return new ModelVersion(group, version, Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4),
                new ArtifactInfo(rs.getString(5), rs.getLong(6), rs.getString(7), rs.getInt(8)), rs.getString(9),
                Json.doubleMap(rs.getString(12)), rs.getString(10), dir == null ? null : Direction.valueOf(dir),
                Json.stringMap(rs.getString(13)), rs.getString(14), Json.read(rs.getString(15), ModelSignature.class),
                new Lineage(rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                        rs.getString(20)), rs.getString(21), Json.stringMap(rs.getString(22)),
                ApprovalStatus.valueOf(rs.getString(23)), rs.getString(24), lc, aliases, rs.getLong(28),
                Instant.ofEpochMilli(rs.getLong(29)), rs.getString(30));
    }

    private ModelNotFoundException notFound(Connection c, ModelUri uri) throws SQLException {
        if (tryLoadGroup(c, uri.group()) == null) {
            return new ModelNotFoundException("Model group '" + uri.group() + "' does not exist (" + uri + ")");
        }
        return switch (uri.kind()) {
            case VERSION -> new ModelNotFoundException("Version " + uri.version() + " of model group '" + uri.group()
                    + "' does not exist (" + uri + ")");
            case ALIAS -> new ModelNotFoundException("Alias '" + uri.alias() + "' does not exist in model group '"
                    + uri.group() + "' (" + uri + ")");
            case LATEST -> new ModelNotFoundException("Model group '" + uri.group() + "' has no versions (" + uri
                    + ")");
        };
    }

    /** @return the version number the URI points at, or throws ModelNotFoundException */
    private int resolveVersion(Connection c, ModelUri uri) throws SQLException {
        String sql = switch (uri.kind()) {
            case VERSION -> "SELECT version FROM model_version WHERE group_name = ? AND version = ?";
            case ALIAS -> "SELECT version FROM model_alias WHERE group_name = ? AND alias = ?";
            case LATEST -> "SELECT MAX(version) FROM model_version WHERE group_name = ?";
        };
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, uri.group());
            if (uri.kind() == ModelUri.Kind.VERSION) {
                ps.setInt(2, uri.version());
            } else if (uri.kind() == ModelUri.Kind.ALIAS) {
                ps.setString(2, uri.alias());
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    int v = rs.getInt(1);
                    if (!rs.wasNull()) {
                        return v;
                    }
                }
            }
        }
        throw notFound(c, uri);
    }

    @Override
    public ModelVersion describe(ModelUri uri) {
        Objects.requireNonNull(uri, "uri");
        return query(c -> loadVersion(c, uri.group(), resolveVersion(c, uri)));
    }

    private byte[] readVerified(ModelVersion v) {
        String sha = v.artifact().sha256();
        byte[] bytes;
        try {
            bytes = blobs instanceof FileBlobStore ? blobs.read(null, sha) : query(c -> blobs.read(c, sha));
        } catch (IOException | SQLException e) {
            throw new RegistryException("Cannot read the artifact of " + v.uri() + " (blob " + sha + "): "
                    + e.getMessage(), e);
        }
        if (bytes == null) {
            throw new ArtifactIntegrityException("Artifact of " + v.uri() + " is missing: blob sha256 " + sha
                    + " not found" + (blobs instanceof FileBlobStore fb ? " at " + fb.path(sha) : ""));
        }
        String actual = Artifacts.sha256(bytes);
        if (!actual.equals(sha)) {
            throw new ArtifactIntegrityException("Artifact of " + v.uri() + " is corrupt: expected sha256 " + sha
                    + " (" + v.artifact().size() + " bytes), found sha256 " + actual + " (" + bytes.length
                    + " bytes)");
        }
        return bytes;
    }

    @Override
    public TrainedModel load(ModelUri uri) {
        ModelVersion v = describe(uri);
        ArtifactInfo a = v.artifact();
        if (!ArtifactInfo.MODEL_DIR_ZIP.equals(a.format())) {
            throw new RegistryException(v.uri() + " has artifact format '" + a.format()
                    + "', which load() cannot turn into a TrainedModel (only " + ArtifactInfo.MODEL_DIR_ZIP
                    + "); use openArtifact()");
        }
        if (a.formatVersion() > ArtifactInfo.MODEL_DIR_ZIP_VERSION) {
            throw new RegistryException(v.uri() + " has artifact format version " + a.formatVersion()
                    + ", newer than this library reads (" + ArtifactInfo.MODEL_DIR_ZIP_VERSION
                    + "); upgrade automl4j");
        }
        byte[] bytes = readVerified(v);
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("automl4j-load-");
            Artifacts.unzip(bytes, tmp, v.uri().toString());
            TrainedModel model = TrainedModel.load(tmp);
            return new CheckedModel(model, v.signature(), v.uri().toString());
        } catch (IOException e) {
            throw new RegistryException("Cannot load " + v.uri() + ": " + e.getMessage(), e);
        } finally {
            Artifacts.deleteTree(tmp);
        }
    }

    @Override
    public InputStream openArtifact(ModelUri uri) {
        return new ByteArrayInputStream(readVerified(describe(uri)));
    }

    @Override
    public Optional<ModelVersion> latestVersion(String group, ApprovalStatus status) {
        Names.checkGroup(group);
        Objects.requireNonNull(status, "status");
        return query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VCOLS + " FROM model_version v "
                    + "WHERE v.group_name = ? AND v.approval_status = ? ORDER BY v.version DESC LIMIT 1")) {
                ps.setString(1, group);
                ps.setString(2, status.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(mapVersion(c, rs));
                    }
                }
            }
            if (tryLoadGroup(c, group) == null) {
                throw new ModelNotFoundException("Model group '" + group + "' does not exist");
            }
            return Optional.empty();
        });
    }

    // ------------------------------------------------------------------ search

    @Override
    public Page<ModelVersion> searchVersions(VersionQuery q) {
        Objects.requireNonNull(q, "query");
        String fp = Artifacts.sha256(Json.write(map("groups", q.groups(), "approval", q.approvalStatus(),
                "stage", q.stage(), "stageStatus", q.stageStatus(), "metadata", q.metadata(),
                "metrics", q.metricRanges().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue().min() + ":"
                        + e.getValue().max()).toList(), "from", String.valueOf(q.createdFrom()),
                "to", String.valueOf(q.createdTo()), "alias", q.hasAlias(), "sort", q.sortBy(),
                "sortMetric", q.sortMetric(), "desc", q.descending())).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
        Map<String, Object> token = q.pageToken() == null ? null : decodeToken(q.pageToken(), fp);
        boolean metricSort = q.sortBy() == VersionQuery.SortField.METRIC;
        String key = switch (q.sortBy()) {
            case CREATED -> "v.created_at";
            case VERSION -> "v.version";
            case LAST_MODIFIED -> "v.modified_at";
            // NULL when the version lacks the metric; such versions sort last in both directions (REG-R18)
            case METRIC -> "(SELECT x.value FROM version_metric x WHERE x.group_name = v.group_name "
                    + "AND x.version = v.version AND x.name = ?)";
        };
        return query(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + VCOLS + ", " + key + " AS sort_key "
                    + "FROM model_version v WHERE 1 = 1");
            List<Object> params = new ArrayList<>();
            if (metricSort) {
                params.add(q.sortMetric());
            }
            if (!q.groups().isEmpty()) {
                sql.append(" AND v.group_name IN (")
                        .append(q.groups().stream().map(g -> "?").collect(Collectors.joining(", "))).append(")");
                params.addAll(q.groups());
            }
            if (q.approvalStatus() != null) {
                sql.append(" AND v.approval_status = ?");
                params.add(q.approvalStatus().name());
            }
            if (q.stage() != null) {
                sql.append(" AND v.stage = ?");
                params.add(q.stage());
            }
            if (q.stageStatus() != null) {
                sql.append(" AND v.stage_status = ?");
                params.add(q.stageStatus());
            }
            for (Map.Entry<String, String> e : q.metadata().entrySet()) {
                sql.append(" AND EXISTS (SELECT 1 FROM version_metadata m WHERE m.group_name = v.group_name "
                        + "AND m.version = v.version AND m.k = ? AND m.v = ?)");
                params.add(e.getKey());
                params.add(e.getValue());
            }
            for (Map.Entry<String, VersionQuery.Range> e : q.metricRanges().entrySet()) {
                sql.append(" AND EXISTS (SELECT 1 FROM version_metric x WHERE x.group_name = v.group_name "
                        + "AND x.version = v.version AND x.name = ? AND x.value >= ? AND x.value <= ?)");
                params.add(e.getKey());
                params.add(e.getValue().min());
                params.add(e.getValue().max());
            }
            if (q.createdFrom() != null) {
                sql.append(" AND v.created_at >= ?");
                params.add(q.createdFrom().toEpochMilli());
            }
            if (q.createdTo() != null) {
                sql.append(" AND v.created_at <= ?");
                params.add(q.createdTo().toEpochMilli());
            }
            if (q.hasAlias() != null) {
                sql.append(q.hasAlias() ? " AND EXISTS" : " AND NOT EXISTS").append(
                        " (SELECT 1 FROM model_alias a WHERE a.group_name = v.group_name AND a.version = v.version)");
            }
            if (token != null) {
                // a metric-sort token records whether the last row had the metric ("n"); "k" is its sort value
                boolean lastMissing = metricSort && !tokenField(token, "n", Boolean.class, q.pageToken());
                String g = tokenField(token, "g", String.class, q.pageToken());
                int ver = tokenField(token, "v", Number.class, q.pageToken()).intValue();
                Object k = null;
                if (!lastMissing) {
                    Number kn = tokenField(token, "k", Number.class, q.pageToken());
                    k = metricSort ? (Object) kn.doubleValue() : (Object) kn.longValue();
                }
                // parameters are bound in the order their placeholders appear in the text
                Object metricParam = q.sortMetric();
                if (lastMissing) {
                    // only versions lacking the metric remain after a missing one, ordered by (group, version)
                    sql.append(" AND ").append(key).append(" IS NULL");
                    params.add(metricParam);
                } else {
                    String op = q.descending() ? "<" : ">";
                    sql.append(" AND (").append(key).append(' ').append(op).append(" ? OR ");
                    if (metricSort) {
                        params.add(metricParam);
                    }
                    params.add(k);
                    if (metricSort) {
                        // every version lacking the metric comes after every version having it
                        sql.append(key).append(" IS NULL OR ");
                        params.add(metricParam);
                    }
                    sql.append("(").append(key).append(" = ?");
                    if (metricSort) {
                        params.add(metricParam);
                    }
                    params.add(k);
                }
                sql.append(" AND ").append("(v.group_name > ? OR (v.group_name = ? AND v.version > ?))");
                params.add(g);
                params.add(g);
                params.add(ver);
                if (!lastMissing) {
                    sql.append("))");
                }
            }
            sql.append(" ORDER BY ");
            if (metricSort) {
                sql.append("CASE WHEN ").append(key).append(" IS NULL THEN 1 ELSE 0 END ASC, ");
                params.add(q.sortMetric());
            }
            sql.append("sort_key ").append(q.descending() ? "DESC" : "ASC")
                    .append(", v.group_name ASC, v.version ASC LIMIT ").append(q.pageSize() + 1);
            List<ModelVersion> out = new ArrayList<>();
            Object lastKey = null;
            String next = null;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (out.size() == q.pageSize()) {
                            ModelVersion last = out.get(out.size() - 1);
                            next = encodeToken(metricSort
                                    ? map("f", fp, "n", lastKey != null, "k", lastKey, "g", last.group(),
                                    "v", last.version())
                                    : map("f", fp, "k", lastKey, "g", last.group(), "v", last.version()));
                            break;
                        }
                        out.add(mapVersion(c, rs));
                        if (metricSort) {
                            double d = rs.getDouble(31);
                            lastKey = rs.wasNull() ? null : (Object) d;
                        } else {
                            lastKey = rs.getLong(31);
                        }
                    }
                }
            }
            return new Page<>(out, next);
        });
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object o = params.get(i);
            if (o instanceof String s) {
                ps.setString(i + 1, s);
            } else if (o instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (o instanceof Long n) {
                ps.setLong(i + 1, n);
            } else if (o instanceof Double d) {
                ps.setDouble(i + 1, d);
            } else if (o == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else {
                throw new IllegalStateException("unsupported parameter " + o.getClass());
            }
        }
    }

    private static String encodeToken(Map<String, Object> m) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(m).getBytes(StandardCharsets.UTF_8));
    }

    /** A field of a decoded page token, or an IAE naming the token when it is absent or of another type. */
    private static <T> T tokenField(Map<String, Object> m, String key, Class<T> type, String token) {
        Object v = m.get(key);
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("Invalid page token '" + Names.quote(token) + "': not a token "
                    + "returned by this registry (REG-R18)");
        }
        return type.cast(v);
    }

    private static Map<String, Object> decodeToken(String token, String fingerprint) {
        Map<String, Object> m;
        try {
            m = Json.object(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid page token '" + Names.quote(token) + "': not a token "
                    + "returned by this registry (REG-R18)");
        }
        if (!fingerprint.equals(m.get("f"))) {
            throw new IllegalArgumentException("The page token was issued for a different query; page tokens must be"
                    + " reused with the same filters and sort (REG-R18)");
        }
        return m;
    }

    // ------------------------------------------------------------------ mutations

    /** The mutable columns needed by the mutations, read (and on PostgreSQL locked) in the transaction. */
    private record Current(int version, long revision, ApprovalStatus approval, Lifecycle lifecycle,
                           String description, Map<String, String> metadata) {
    }

    private Current lockVersion(Connection c, ModelUri uri, long expectedRevision) throws SQLException {
        int v = resolveVersion(c, uri);
        try (PreparedStatement ps = c.prepareStatement("SELECT revision, approval_status, stage, stage_status, "
                + "stage_description, description, metadata FROM model_version WHERE group_name = ? AND version = ?"
                + db.dialect.forUpdate())) {
            ps.setString(1, uri.group());
            ps.setInt(2, v);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw notFound(c, ModelUri.of(uri.group(), v));
                }
                long rev = rs.getLong(1);
                if (expectedRevision != ANY_REVISION && expectedRevision != rev) {
                    throw new ConcurrentModificationException("Version " + ModelUri.of(uri.group(), v)
                            + " is at revision " + rev + ", expected " + expectedRevision
                            + "; reload and retry (REG-R19)");
                }
                String stage = rs.getString(3);
                return new Current(v, rev, ApprovalStatus.valueOf(rs.getString(2)),
                        stage == null ? null : new Lifecycle(stage, rs.getString(4), rs.getString(5)),
                        rs.getString(6), Json.stringMap(rs.getString(7)));
            }
        }
    }

    private static void touch(Connection c, Ctx ctx, String group, int version, String setSql, Object... params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE model_version SET " + setSql
                + (setSql.isEmpty() ? "" : ", ") + "revision = revision + 1, modified_at = ?, modified_by = ? "
                + "WHERE group_name = ? AND version = ?")) {
            List<Object> all = new ArrayList<>(java.util.Arrays.asList(params));
            all.add(ctx.now().toEpochMilli());
            all.add(ctx.actor());
            all.add(group);
            all.add(version);
            bind(ps, all);
            ps.executeUpdate();
        }
    }

    @Override
    public ModelVersion updateApproval(ModelUri uri, ApprovalStatus status, String comment, long expectedRevision) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(status, "status");
        Names.checkLength("approval description", comment, 1024);
        return mutate((c, ctx) -> {
            Current cur = lockVersion(c, uri, expectedRevision);
            if (cur.approval() == status) {
                return loadVersion(c, uri.group(), cur.version());
            }
            if (!cur.approval().canChangeTo(status)) {
                throw new IllegalStateException("Cannot change the approval of " + ModelUri.of(uri.group(),
                        cur.version()) + " from " + cur.approval() + " to " + status + " (REG-R8: allowed are "
                        + "PENDING_MANUAL_APPROVAL -> APPROVED|REJECTED, REJECTED -> APPROVED, APPROVED -> REJECTED)");
            }
            touch(c, ctx, uri.group(), cur.version(), "approval_status = ?, approval_description = ?",
                    status.name(), comment == null ? "" : comment);
            audit(c, ctx, AuditAction.APPROVAL_CHANGED, uri.group(), cur.version(),
                    map("approvalStatus", cur.approval().name()), map("approvalStatus", status.name()), comment);
            return loadVersion(c, uri.group(), cur.version());
        });
    }

    @Override
    public ModelVersion updateLifecycle(ModelUri uri, Lifecycle lifecycle, String comment, long expectedRevision) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Names.checkLength("comment", comment, 1024);
        return mutate((c, ctx) -> {
            Current cur = lockVersion(c, uri, expectedRevision);
            if (lifecycle.equals(cur.lifecycle())) {
                return loadVersion(c, uri.group(), cur.version());
            }
            LifecyclePolicy.Decision d = options.policy().decide(cur.lifecycle(), lifecycle, ctx.actor());
            if (d == null || !d.allowed()) {
                throw new LifecycleTransitionDeniedException("Lifecycle change of " + ModelUri.of(uri.group(),
                        cur.version()) + " from " + describe(cur.lifecycle()) + " to " + describe(lifecycle)
                        + " denied: " + (d == null ? "the policy returned no decision" : d.reason()) + " (REG-R10)");
            }
            touch(c, ctx, uri.group(), cur.version(), "stage = ?, stage_status = ?, stage_description = ?",
                    lifecycle.stage(), lifecycle.status(), lifecycle.description());
            audit(c, ctx, AuditAction.LIFECYCLE_CHANGED, uri.group(), cur.version(), lifecycleMap(cur.lifecycle()),
                    lifecycleMap(lifecycle), comment);
            return loadVersion(c, uri.group(), cur.version());
        });
    }

    private static String describe(Lifecycle l) {
        return l == null ? "(none)" : l.stage() + "/" + l.status();
    }

    private static Map<String, Object> lifecycleMap(Lifecycle l) {
        return l == null ? null : map("stage", l.stage(), "status", l.status(), "description", l.description());
    }

    @Override
    public ModelVersion updateDescription(ModelUri uri, String description, long expectedRevision) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(description, "description");
        Names.checkLength("description", description, 1024);
        return mutate((c, ctx) -> {
            Current cur = lockVersion(c, uri, expectedRevision);
            if (description.equals(cur.description())) {
                return loadVersion(c, uri.group(), cur.version());
            }
            touch(c, ctx, uri.group(), cur.version(), "description = ?", description);
            audit(c, ctx, AuditAction.VERSION_UPDATED, uri.group(), cur.version(),
                    map("description", cur.description()), map("description", description), null);
            return loadVersion(c, uri.group(), cur.version());
        });
    }

    @Override
    public ModelVersion updateMetadata(ModelUri uri, Map<String, String> metadata, long expectedRevision) {
        Objects.requireNonNull(uri, "uri");
        Names.checkMetadata(metadata);
        Map<String, String> md = new TreeMap<>(metadata);
        return mutate((c, ctx) -> {
            Current cur = lockVersion(c, uri, expectedRevision);
            if (md.equals(cur.metadata())) {
                return loadVersion(c, uri.group(), cur.version());
            }
            touch(c, ctx, uri.group(), cur.version(), "metadata = ?", Json.write(md));
            writeMetadata(c, uri.group(), cur.version(), md);
            audit(c, ctx, AuditAction.METADATA_CHANGED, uri.group(), cur.version(), cur.metadata(), md, null);
            return loadVersion(c, uri.group(), cur.version());
        });
    }

    @Override
    public ModelVersion setAlias(String group, String alias, int version, long expectedRevision) {
        Names.checkGroup(group);
        Names.checkAlias(alias);
        ModelUri target = ModelUri.of(group, version);
        return mutate((c, ctx) -> {
            lockGroupRow(c, group); // two processes creating the same alias: the second sees the first's row
            lockVersion(c, target, expectedRevision);
            Integer old = aliasTarget(c, group, alias);
            if (old != null && old == version) {
                return loadVersion(c, group, version);
            }
            if (old == null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO model_alias (group_name, alias, version) VALUES (?, ?, ?)")) {
                    ps.setString(1, group);
                    ps.setString(2, alias);
                    ps.setInt(3, version);
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE model_alias SET version = ? WHERE group_name = ? AND alias = ?")) {
                    ps.setInt(1, version);
                    ps.setString(2, group);
                    ps.setString(3, alias);
                    ps.executeUpdate();
                }
                touch(c, ctx, group, old, "");
            }
            touch(c, ctx, group, version, "");
            audit(c, ctx, AuditAction.ALIAS_SET, group, version, old == null ? null : map("alias", alias,
                    "version", old), map("alias", alias, "version", version), null);
            return loadVersion(c, group, version);
        });
    }

    /**
     * Locks a group's row until the transaction ends (PostgreSQL; SQLite's write transactions are exclusive
     * anyway), so that check-then-write sequences on the group (alias creation, delete) from several processes
     * serialise instead of racing.
     */
    private void lockGroupRow(Connection c, String group) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT next_version FROM model_group WHERE name = ?"
                + db.dialect.forUpdate())) {
            ps.setString(1, group);
            ps.executeQuery().close();
        }
    }

    private Integer aliasTarget(Connection c, String group, String alias) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM model_alias WHERE group_name = ? "
                + "AND alias = ?" + db.dialect.forUpdate())) {
            ps.setString(1, group);
            ps.setString(2, alias);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    @Override
    public void deleteAlias(String group, String alias, long expectedRevision) {
        Names.checkGroup(group);
        Names.checkAlias(alias);
        mutate((c, ctx) -> {
            lockGroupRow(c, group); // same lock order as setAlias (group, then version)
            Integer old = aliasTarget(c, group, alias);
            if (old == null) {
                throw notFound(c, ModelUri.alias(group, alias));
            }
            lockVersion(c, ModelUri.of(group, old), expectedRevision);
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM model_alias WHERE group_name = ? AND alias = ?")) {
                ps.setString(1, group);
                ps.setString(2, alias);
                ps.executeUpdate();
            }
            touch(c, ctx, group, old, "");
            audit(c, ctx, AuditAction.ALIAS_DELETED, group, old, map("alias", alias, "version", old), null, null);
            return null;
        });
    }

    @Override
    public Map<String, Integer> aliases(String group) {
        Names.checkGroup(group);
        return query(c -> {
            loadGroup(c, group);
            Map<String, Integer> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT alias, version FROM model_alias WHERE group_name = ?")) {
                ps.setString(1, group);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void deleteVersion(ModelUri uri, DeleteOptions opts) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(opts, "options");
        mutate((c, ctx) -> {
            Current cur = lockVersion(c, uri, opts.expectedRevision());
            ModelVersion v = loadVersion(c, uri.group(), cur.version());
            if (!v.aliases().isEmpty() && !opts.forceAliases()) {
                throw new IllegalStateException("Cannot delete " + v.uri() + ": aliases " + v.aliases()
                        + " point at it; move or delete them first, or use DeleteOptions.force() (REG-R19)");
            }
            for (String alias : v.aliases()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM model_alias WHERE group_name = ? AND alias = ?")) {
                    ps.setString(1, v.group());
                    ps.setString(2, alias);
                    ps.executeUpdate();
                }
                audit(c, ctx, AuditAction.ALIAS_DELETED, v.group(), v.version(),
                        map("alias", alias, "version", v.version()), null, "forced by version delete");
            }
            for (String t : List.of("version_metric", "version_metadata", "card_revision", "model_card",
                    "model_version")) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + t + " WHERE group_name = ? AND version = ?")) {
                    ps.setString(1, v.group());
                    ps.setInt(2, v.version());
                    ps.executeUpdate();
                }
            }
            audit(c, ctx, AuditAction.VERSION_DELETED, v.group(), v.version(),
                    map("version", v.version(), "sha256", v.artifact().sha256(),
                            "approvalStatus", v.approvalStatus().name()), null, null);
            return null;
        });
    }

    // ------------------------------------------------------------------ model cards

    private static ModelCard loadCard(Connection c, String group, int version, int revision) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT m.status, m.revision, r.revision, r.content, "
                + "r.created_at, r.created_by FROM model_card m JOIN card_revision r ON r.group_name = m.group_name "
                + "AND r.version = m.version WHERE m.group_name = ? AND m.version = ? AND r.revision = "
                + (revision > 0 ? "?" : "m.revision"))) {
            ps.setString(1, group);
            ps.setInt(2, version);
            if (revision > 0) {
                ps.setInt(3, revision);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new ModelCard(group, version, rs.getInt(3), CardStatus.valueOf(rs.getString(1)),
                        rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6));
            }
        }
    }

    private static void insertRevision(Connection c, Ctx ctx, String group, int version, int revision, String json)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO card_revision (group_name, version, revision, "
                + "content, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, group);
            ps.setInt(2, version);
            ps.setInt(3, revision);
            ps.setString(4, json);
            ps.setLong(5, ctx.now().toEpochMilli());
            ps.setString(6, ctx.actor());
            ps.executeUpdate();
        }
    }

    @Override
    public ModelCard createCard(ModelUri uri, String contentJson, long expectedRevision) {
        Objects.requireNonNull(uri, "uri");
        Cards.Content given = contentJson == null ? null : Cards.parse(contentJson);
        return mutate((c, ctx) -> {
            Current cur = lockVersion(c, uri, expectedRevision);
            if (loadCard(c, uri.group(), cur.version(), 0) != null) {
                throw new IllegalStateException(ModelUri.of(uri.group(), cur.version())
                        + " already has a model card; use updateCard (REG-R13: at most one card per version)");
            }
            Cards.Content content = given;
            String copiedFrom = null;
            if (content == null) {
                content = new Cards.Content(null, null, null, null, null, null);
                try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM model_card "
                        + "WHERE group_name = ? AND version < ?")) {
                    ps.setString(1, uri.group());
                    ps.setInt(2, cur.version());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getObject(1) != null) {
                            ModelCard earlier = loadCard(c, uri.group(), rs.getInt(1), 0);
                            content = Cards.userSections(earlier.json());
                            copiedFrom = ModelUri.of(uri.group(), earlier.version()).toString();
                        }
                    }
                }
            }
            ModelVersion v = loadVersion(c, uri.group(), cur.version());
            String json = Cards.fill(content, v);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO model_card (group_name, version, status, "
                    + "revision, created_at, created_by) VALUES (?, ?, ?, 1, ?, ?)")) {
                ps.setString(1, uri.group());
                ps.setInt(2, cur.version());
                ps.setString(3, CardStatus.DRAFT.name());
                ps.setLong(4, ctx.now().toEpochMilli());
                ps.setString(5, ctx.actor());
                ps.executeUpdate();
            }
            insertRevision(c, ctx, uri.group(), cur.version(), 1, json);
            touch(c, ctx, uri.group(), cur.version(), "");
            audit(c, ctx, AuditAction.CARD_CREATED, uri.group(), cur.version(), null,
                    map("revision", 1, "status", CardStatus.DRAFT.name(), "copiedFrom", copiedFrom), null);
            return loadCard(c, uri.group(), cur.version(), 0);
        });
    }

    @Override
    public ModelCard updateCard(ModelUri uri, String contentJson, long expectedRevision) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(contentJson, "contentJson");
        Cards.Content content = Cards.parse(contentJson);
        return mutate((c, ctx) -> {
            Current cur = lockVersion(c, uri, expectedRevision);
            ModelCard card = loadCard(c, uri.group(), cur.version(), 0);
            if (card == null) {
                throw new ModelNotFoundException(ModelUri.of(uri.group(), cur.version()) + " has no model card");
            }
            if (card.status() == CardStatus.ARCHIVED) {
                throw new IllegalStateException("The model card of " + ModelUri.of(uri.group(), cur.version())
                        + " is ARCHIVED and cannot be edited (REG-R14)");
            }
            String json = Cards.fill(content, loadVersion(c, uri.group(), cur.version()));
            if (json.equals(card.json())) {
                return card;
            }
            int rev = card.revision() + 1;
            insertRevision(c, ctx, uri.group(), cur.version(), rev, json);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE model_card SET revision = ? WHERE group_name = ? AND version = ?")) {
                ps.setInt(1, rev);
                ps.setString(2, uri.group());
                ps.setInt(3, cur.version());
                ps.executeUpdate();
            }
            touch(c, ctx, uri.group(), cur.version(), "");
            audit(c, ctx, AuditAction.CARD_REVISED, uri.group(), cur.version(), map("revision", card.revision()),
                    map("revision", rev), null);
            return loadCard(c, uri.group(), cur.version(), 0);
        });
    }

    @Override
    public ModelCard updateCardStatus(ModelUri uri, CardStatus status, String comment, long expectedRevision) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(status, "status");
        Names.checkLength("comment", comment, 1024);
        return mutate((c, ctx) -> {
            Current cur = lockVersion(c, uri, expectedRevision);
            ModelCard card = loadCard(c, uri.group(), cur.version(), 0);
            if (card == null) {
                throw new ModelNotFoundException(ModelUri.of(uri.group(), cur.version()) + " has no model card");
            }
            if (card.status() == status) {
                return card;
            }
            if (!card.status().canChangeTo(status)) {
                throw new IllegalStateException("Cannot change the model card of " + ModelUri.of(uri.group(),
                        cur.version()) + " from " + card.status() + " to " + status + " (REG-R14: DRAFT -> "
                        + "PENDING_REVIEW -> APPROVED -> ARCHIVED, PENDING_REVIEW -> DRAFT; ARCHIVED is final)");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE model_card SET status = ? WHERE group_name = ? AND version = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, uri.group());
                ps.setInt(3, cur.version());
                ps.executeUpdate();
            }
            touch(c, ctx, uri.group(), cur.version(), "");
            audit(c, ctx, AuditAction.CARD_STATUS_CHANGED, uri.group(), cur.version(),
                    map("status", card.status().name()), map("status", status.name()), comment);
            return loadCard(c, uri.group(), cur.version(), 0);
        });
    }

    @Override
    public Optional<ModelCard> card(ModelUri uri) {
        Objects.requireNonNull(uri, "uri");
        return query(c -> Optional.ofNullable(loadCard(c, uri.group(), resolveVersion(c, uri), 0)));
    }

    @Override
    public ModelCard cardRevision(ModelUri uri, int revision) {
        Objects.requireNonNull(uri, "uri");
        if (revision < 1) {
            throw new IllegalArgumentException("card revision must be >= 1, got " + revision);
        }
        return query(c -> {
            int v = resolveVersion(c, uri);
            ModelCard card = loadCard(c, uri.group(), v, revision);
            if (card == null) {
                throw new ModelNotFoundException("Model card revision " + revision + " of "
                        + ModelUri.of(uri.group(), v) + " does not exist");
            }
            return card;
        });
    }

    // ------------------------------------------------------------------ audit, events, maintenance

    @Override
    public AuditLog auditLog() {
        return this::pageAudit;
    }

    private Page<AuditEntry> pageAudit(AuditQuery q) {
        Objects.requireNonNull(q, "query");
        // the token is bound to the filters (not the page size) and records the last sequence returned
        String fp = Artifacts.sha256(Json.write(map("audit", true, "group", q.group(), "version", q.version(),
                "action", q.action() == null ? null : q.action().name(), "actor", q.actor(),
                "from", String.valueOf(q.from()), "to", String.valueOf(q.to()), "after", q.afterSequence()))
                .getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        long after = q.afterSequence();
        if (q.pageToken() != null) {
            Map<String, Object> token = decodeToken(q.pageToken(), fp);
            after = Math.max(after, tokenField(token, "s", Number.class, q.pageToken()).longValue());
        }
        long afterSeq = after;
        return query(c -> {
            StringBuilder sql = new StringBuilder("SELECT seq, at, actor, action, group_name, version, from_json, "
                    + "to_json, comment FROM audit_log WHERE seq > ?");
            List<Object> params = new ArrayList<>();
            params.add(afterSeq);
            if (q.group() != null) {
                sql.append(" AND group_name = ?");
                params.add(q.group());
            }
            if (q.version() != 0) {
                sql.append(" AND version = ?");
                params.add(q.version());
            }
            if (q.action() != null) {
                sql.append(" AND action = ?");
                params.add(q.action().name());
            }
            if (q.actor() != null) {
                sql.append(" AND actor = ?");
                params.add(q.actor());
            }
            if (q.from() != null) {
                sql.append(" AND at >= ?");
                params.add(q.from().toEpochMilli());
            }
            if (q.to() != null) {
                sql.append(" AND at <= ?");
                params.add(q.to().toEpochMilli());
            }
            sql.append(" ORDER BY seq LIMIT ").append(q.pageSize() + 1);
            List<AuditEntry> out = new ArrayList<>();
            String next = null;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (out.size() == q.pageSize()) {
                            next = encodeToken(map("f", fp, "s", out.get(out.size() - 1).sequence()));
                            break;
                        }
                        out.add(new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                AuditAction.valueOf(rs.getString(4)), rs.getString(5), rs.getInt(6),
                                rs.getString(7), rs.getString(8), rs.getString(9)));
                    }
                }
            }
            return new Page<>(out, next);
        });
    }

    @Override
    public void addListener(RegistryListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(RegistryListener listener) {
        listeners.remove(listener);
    }

    @Override
    public VerifyReport verify() {
        record Ref(String group, int version, String sha, long size) {
        }
        List<String> problems = new ArrayList<>();
        int[] groups = new int[1];
        List<Ref> refs = query(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT g.name, g.next_version, "
                    + "(SELECT MAX(v.version) FROM model_version v WHERE v.group_name = g.name) FROM model_group g");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups[0]++;
                    int next = rs.getInt(2);
                    int max = rs.getInt(3);
                    if (max >= next) {
                        problems.add("group '" + rs.getString(1) + "': version counter " + next
                                + " is not above the highest version " + max);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT v.group_name, v.version FROM model_version v "
                    + "WHERE NOT EXISTS (SELECT 1 FROM model_group g WHERE g.name = v.group_name)");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    problems.add(ModelUri.of(rs.getString(1), rs.getInt(2)) + ": its group does not exist");
                }
            }
            List<Ref> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT group_name, version, blob_sha256, blob_size "
                    + "FROM model_version ORDER BY blob_sha256, group_name, version");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Ref(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4)));
                }
            }
            return out;
        });
        Map<String, String> checked = new LinkedHashMap<>();
        for (Ref r : refs) {
            String problem = checked.computeIfAbsent(r.sha(), sha -> {
                try {
                    byte[] b = blobs instanceof FileBlobStore ? blobs.read(null, sha) : db.read(c -> blobs.read(c,
                            sha));
                    if (b == null) {
                        return "blob sha256 " + sha + " is missing";
                    }
                    String actual = Artifacts.sha256(b);
                    return actual.equals(sha) ? "" : "blob sha256 " + sha + " is corrupt (found sha256 " + actual
                            + ", " + b.length + " bytes)";
                } catch (IOException | SQLException | RegistryException e) {
                    return "blob sha256 " + sha + " cannot be read: " + e.getMessage();
                }
            });
            if (!problem.isEmpty()) {
                problems.add(ModelUri.of(r.group(), r.version()) + ": " + problem);
            }
        }
        return new VerifyReport(groups[0], refs.size(), problems);
    }

    @Override
    public int gc() {
        return gc(GC_GRACE);
    }

    /**
     * @param minAge keep unreferenced file blobs younger than this (in-flight registrations)
     * @return number of blobs removed
     */
    public int gc(Duration minAge) {
        open();
        mutationLock.lock();
        try {
            return db.write(c -> {
                blobs.lockForGc(c);
                Set<String> referenced = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT blob_sha256 FROM model_version");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        referenced.add(rs.getString(1));
                    }
                }
                return blobs.gc(c, referenced, minAge);
            });
        } finally {
            mutationLock.unlock();
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            db.close();
        }
    }

    @Override
    public String toString() {
        return "ModelRegistry[" + where + "]";
    }
}
