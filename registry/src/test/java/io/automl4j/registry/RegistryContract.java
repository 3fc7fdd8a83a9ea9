package io.automl4j.registry;

import io.automl4j.api.AutoMLResult;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.model.Predictions;
import io.automl4j.api.model.TrainedModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.automl4j.registry.TestModels.bytes;
import static io.automl4j.registry.TestModels.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every store must show (REG-R22: one contract suite for embedded, in-memory and PostgreSQL).
 * Subclasses open a fresh, empty registry per test.
 */
abstract class RegistryContract {
    /** A fixed, steppable clock so that audit times and sort keys are exact. */
    static final class StepClock extends Clock {
        final AtomicLong millis = new AtomicLong(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.getAndAdd(1000));
        }
    }

    StepClock clock;
    String actor = "alice";
    ModelRegistry registry;

    /** @return a fresh, empty registry with these options */
    abstract ModelRegistry open(RegistryOptions options) throws Exception;

    /** Overwrites the stored bytes of a blob (or skips the test when the store cannot be reached directly). */
    abstract void corrupt(String sha256) throws Exception;

    RegistryOptions options() {
        return RegistryOptions.defaults().withClock(clock).withActor(() -> actor);
    }

    @BeforeEach
    void openRegistry() throws Exception {
        clock = new StepClock();
        registry = open(options());
    }

    @AfterEach
    void closeRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    ModelVersion reg(String group, String content) {
        return registry.register(group, bytes(content), spec());
    }

    long auditCount() {
        return registry.auditLog().since(0).size();
    }

    // ---------------------------------------------------------------- groups, names (REG-R2, R4)

    @Test
    void groupNames_REG_R2_validAndInvalid() {
        for (String ok : List.of("a", "churn", "Churn-2", "a--b", "x".repeat(63), "0abc")) {
            assertThat(registry.createGroup(ok, "d", Map.of()).name()).isEqualTo(ok);
        }
        for (String bad : List.of("", "-a", "a-", "a_b", "a b", "a.b", "x".repeat(64), "ä")) {
            assertThatThrownBy(() -> registry.createGroup(bad, null, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group name")
                    .hasMessageContaining("REG-R2");
        }
        assertThatThrownBy(() -> registry.createGroup(null, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-63");
        assertThat(registry.searchGroups(GroupQuery.all()).items()).hasSize(6);
    }

    @Test
    void groupFields_REG_R2_limitsAndDuplicates() {
        ModelGroup g = registry.createGroup("churn", "Churn classifier", Map.of("team", "crm"));
        assertThat(g.createdBy()).isEqualTo("alice");
        assertThat(g.tags()).containsExactly(Map.entry("team", "crm"));
        assertThat(g.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThatThrownBy(() -> registry.createGroup("churn", "x", Map.of()))
                .isInstanceOf(GroupAlreadyExistsException.class).hasMessageContaining("'churn'");
        assertThat(registry.createGroupIfAbsent("churn", "other", Map.of()).description())
                .isEqualTo("Churn classifier");
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> registry.createGroup("g2", null, many))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("51").hasMessageContaining("50");
        assertThatThrownBy(() -> registry.createGroup("g2", null, Map.of("k".repeat(129), "v")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1-128");
        assertThatThrownBy(() -> registry.createGroup("g2", null, Map.of("k", "v".repeat(257))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
        assertThatThrownBy(() -> registry.createGroup("g2", "d".repeat(1025), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1025")
                .hasMessageContaining("1024");
        assertThatThrownBy(() -> registry.group("g2")).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("'g2'");
        assertThat(registry.auditLog().since(0)).extracting(AuditEntry::action)
                .containsExactly(AuditAction.GROUP_CREATED);
        ModelGroup u = registry.updateGroup("churn", "new", Map.of("team", "risk"));
        assertThat(u.description()).isEqualTo("new");
        assertThat(u.tags()).containsExactly(Map.entry("team", "risk"));
        assertThat(registry.auditLog().since(0).get(1).from()).contains("Churn classifier");
    }

    @Test
    void aliasNames_REG_R4() {
        reg("g", "a");
        for (String bad : List.of("latest", "v1", "12", "V1x", "Champion", "_x", "a".repeat(64), "")) {
            assertThatThrownBy(() -> registry.setAlias("g", bad, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alias");
        }
        for (String ok : List.of("champion", "v1x", "a", "prod_2", "a-b", "a".repeat(63))) {
            registry.setAlias("g", ok, 1);
        }
        assertThat(registry.aliases("g")).hasSize(6);
    }

    @Test
    void metadata_REG_R4_validation_andReplace() {
        ModelVersion v = reg("g", "a");
        ModelVersion u = registry.updateMetadata(v.uri(), Map.of("owner", "crm", "ticket:id", "T-1"),
                ModelRegistry.ANY_REVISION);
        assertThat(u.customerMetadata()).containsEntry("owner", "crm").hasSize(2);
        assertThat(u.revision()).isEqualTo(2);
        for (Map<String, String> bad : List.of(Map.of("bad key", "v"), Map.of("k", "v".repeat(257)),
                Map.of("k".repeat(129), "v"))) {
            assertThatThrownBy(() -> registry.updateMetadata(v.uri(), bad, ModelRegistry.ANY_REVISION))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
        }
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> registry.updateMetadata(v.uri(), many, ModelRegistry.ANY_REVISION))
                .hasMessageContaining("51").hasMessageContaining("50");
        assertThat(registry.describe(v.uri()).revision()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- registration (REG-R3, R5)

    @Test
    void versionNumbers_REG_R3_sequential_neverReused() {
        assertThat(reg("g", "a").version()).isEqualTo(1);
        assertThat(reg("g", "b").version()).isEqualTo(2);
        assertThat(reg("other", "c").version()).isEqualTo(1);
        ModelVersion v3 = reg("g", "c");
        assertThat(v3.version()).isEqualTo(3);
        registry.deleteVersion(v3.uri(), DeleteOptions.defaults());
        assertThat(reg("g", "d").version()).isEqualTo(4);
        assertThat(registry.describe(ModelUri.parse("models:/g/latest")).version()).isEqualTo(4);
        assertThat(registry.group("g").versionCount()).isEqualTo(3);
    }

    @Test
    void registerExternal_REG_R5_recordsEveryField() throws Exception {
        VersionSpec s = VersionSpec.builder().format("onnx", 2).problemType("BINARY")
                .metrics(Map.of("AUC", 0.91, "LogLoss", 0.3))
                .objective("AUC", io.automl4j.api.eval.Direction.MAXIMIZE)
                .hyperparameters(Map.of("depth", "6"))
                .provenanceJson("{\"seed\": 42}")
                .signature(new ModelSignature(List.of(new InputColumn("x", io.automl4j.api.data.ColumnType.NUMERIC,
                        false)), "y", List.of("PREDICTED_LABEL"), List.of("no", "yes"), "yes"))
                .lineage(new Lineage("job-1", "churn-job", "cand-3", "abc123", "s3://bucket/model.onnx"))
                .options(RegisterOptions.defaults().withDescription("first").withMetadata(Map.of("team", "crm"))
                        .withApproval(ApprovalStatus.APPROVED, "pre-approved"))
                .build();
        ModelVersion v = registry.register("churn", bytes("onnx-bytes"), s);
        ModelVersion d = registry.describe(ModelUri.parse("models:/churn/1"));
        assertThat(d).isEqualTo(v);
        assertThat(d.artifact().format()).isEqualTo("onnx");
        assertThat(d.artifact().formatVersion()).isEqualTo(2);
        assertThat(d.artifact().size()).isEqualTo(10);
        assertThat(d.artifact().sha256()).isEqualTo(sha("onnx-bytes"));
        assertThat(d.metrics()).containsEntry("AUC", 0.91).containsEntry("LogLoss", 0.3);
        assertThat(d.objectiveMetric()).isEqualTo("AUC");
        assertThat(d.hyperparameters()).containsEntry("depth", "6");
        assertThat(d.provenanceJson()).isEqualTo("{\"seed\":42}");
        assertThat(d.signature().inputs()).containsExactly(new InputColumn("x",
                io.automl4j.api.data.ColumnType.NUMERIC, false));
        assertThat(d.lineage().sourceUri()).isEqualTo("s3://bucket/model.onnx");
        assertThat(d.approvalStatus()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(d.approvalDescription()).isEqualTo("pre-approved");
        assertThat(d.customerMetadata()).containsEntry("team", "crm");
        assertThat(d.createdBy()).isEqualTo("alice");
        assertThat(d.revision()).isEqualTo(1);
        try (InputStream in = registry.openArtifact(d.uri())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("onnx-bytes");
        }
        assertThatThrownBy(() -> registry.load(d.uri())).isInstanceOf(RegistryException.class)
                .hasMessageContaining("onnx").hasMessageContaining("openArtifact");
        // A group was created implicitly (audited) before the version.
        assertThat(registry.auditLog().since(0)).extracting(AuditEntry::action)
                .containsExactly(AuditAction.GROUP_CREATED, AuditAction.VERSION_REGISTERED);
    }

    static String sha(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void registerTrainedModel_REG_R5_R7_fillsEverything_andLoadsWorkingModel() {
        AutoMLResult result = TestModels.iris();
        ModelVersion v = registry.register("iris", result);
        assertThat(v.problemType()).isEqualTo("MULTICLASS_CLASSIFICATION");
        assertThat(v.signature().inputs()).extracting(InputColumn::name)
                .containsExactlyElementsOf(result.bestModel().signature().inputNames());
        assertThat(v.signature().labels()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(v.signature().target()).isEqualTo("species");
        assertThat(v.lineage().jobName()).isEqualTo("iris-test");
        assertThat(v.lineage().dataFingerprint()).isEqualTo(result.provenance().dataFingerprint());
        assertThat(v.lineage().candidateName()).isEqualTo(result.leaderboard().best().candidateName());
        assertThat(v.provenanceJson()).contains("\"jobName\":\"iris-test\"").contains("\"seed\":7");
        assertThat(v.hyperparameters()).containsEntry("algorithm", "LINEAR");
        String objective = result.leaderboard().objective().reportName();
        assertThat(v.objectiveMetric()).isEqualTo(objective);
        assertThat(v.metrics().get(objective)).isEqualTo(result.leaderboard().best().objective());
        assertThat(v.artifact().format()).isEqualTo(ArtifactInfo.MODEL_DIR_ZIP);

        Dataset iris = TestModels.irisData();
        TrainedModel loaded = registry.load(ModelUri.parse("models:/iris/1"));
        Predictions expected = result.bestModel().predict(iris);
        Predictions actual = loaded.predict(iris);
        for (int r = 0; r < iris.rowCount(); r++) {
            assertThat(actual.label(r)).isEqualTo(expected.label(r));
            assertThat(actual.probability(r)).isEqualTo(expected.probability(r));
        }
        // Identical content is stored once: registering the same model again reuses the blob.
        ModelVersion v2 = registry.register("iris", result);
        assertThat(v2.artifact().sha256()).isEqualTo(v.artifact().sha256());

        Dataset missing = Dataset.builder().numeric("sepal_length", new double[]{5.1})
                .text("sepal_width", new String[]{"wide"}).build();
        assertThatThrownBy(() -> loaded.predict(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("models:/iris/1").hasMessageContaining("missing columns")
                .hasMessageContaining("petal_length").hasMessageContaining("sepal_width (expected NUMERIC");
    }

    // ---------------------------------------------------------------- approval (REG-R8)

    @Test
    void approval_REG_R8_transitions_noOps_andLatestApproved() {
        ModelVersion v1 = reg("g", "1");
        ModelVersion v2 = reg("g", "2");
        reg("g", "3");
        assertThat(v1.approvalStatus()).isEqualTo(ApprovalStatus.PENDING_MANUAL_APPROVAL);
        assertThat(registry.latestVersion("g", ApprovalStatus.APPROVED)).isEmpty();
        registry.updateApproval(v1.uri(), ApprovalStatus.APPROVED, "ok");
        ModelVersion a2 = registry.updateApproval(v2.uri(), ApprovalStatus.APPROVED, "better");
        assertThat(a2.revision()).isEqualTo(2);
        assertThat(a2.approvalDescription()).isEqualTo("better");
        assertThat(registry.latestVersion("g", ApprovalStatus.APPROVED).orElseThrow().version()).isEqualTo(2);
        assertThat(registry.latestVersion("g", ApprovalStatus.PENDING_MANUAL_APPROVAL).orElseThrow().version())
                .isEqualTo(3);
        long before = auditCount();
        ModelVersion same = registry.updateApproval(v2.uri(), ApprovalStatus.APPROVED, "again");
        assertThat(same.revision()).isEqualTo(2);
        assertThat(auditCount()).isEqualTo(before);
        registry.updateApproval(v2.uri(), ApprovalStatus.REJECTED, "drift");
        assertThat(registry.latestVersion("g", ApprovalStatus.APPROVED).orElseThrow().version()).isEqualTo(1);
        registry.updateApproval(v2.uri(), ApprovalStatus.APPROVED, "fixed");
        assertThatThrownBy(() -> registry.updateApproval(v2.uri(), ApprovalStatus.PENDING_MANUAL_APPROVAL, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("models:/g/2")
                .hasMessageContaining("APPROVED").hasMessageContaining("PENDING_MANUAL_APPROVAL");
        ModelVersion pending = reg("g", "4");
        registry.updateApproval(pending.uri(), ApprovalStatus.REJECTED, null);
        assertThat(registry.describe(v2.uri()).approvalStatus()).isEqualTo(ApprovalStatus.APPROVED);
        List<AuditEntry> changes = registry.auditLog().query(AuditQuery.version("g", 2)
                .withAction(AuditAction.APPROVAL_CHANGED));
        assertThat(changes).extracting(AuditEntry::comment).containsExactly("better", "drift", "fixed");
        assertThat(changes.get(1).from()).isEqualTo("{\"approvalStatus\":\"APPROVED\"}");
        assertThat(changes.get(1).to()).isEqualTo("{\"approvalStatus\":\"REJECTED\"}");
    }

    @Test
    void approveMissingVersion_clearError_nothingChanged() {
        reg("g", "1");
        long before = auditCount();
        assertThatThrownBy(() -> registry.updateApproval(ModelUri.of("g", 9), ApprovalStatus.APPROVED, null))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("Version 9")
                .hasMessageContaining("'g'");
        assertThatThrownBy(() -> registry.updateApproval(ModelUri.of("nope", 1), ApprovalStatus.APPROVED, null))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("'nope'");
        assertThat(auditCount()).isEqualTo(before);
    }

    @Test
    void expectedRevision_REG_R19_mismatchChangesNothing() {
        ModelVersion v = reg("g", "1");
        registry.updateDescription(v.uri(), "one", 1);
        assertThatThrownBy(() -> registry.updateApproval(v.uri(), ApprovalStatus.APPROVED, null, 1))
                .isInstanceOf(ConcurrentModificationException.class).hasMessageContaining("revision 2")
                .hasMessageContaining("expected 1");
        ModelVersion after = registry.describe(v.uri());
        assertThat(after.approvalStatus()).isEqualTo(ApprovalStatus.PENDING_MANUAL_APPROVAL);
        assertThat(after.revision()).isEqualTo(2);
        assertThat(after.description()).isEqualTo("one");
        assertThat(after.lastModifiedBy()).isEqualTo("alice");
        assertThat(registry.updateApproval(v.uri(), ApprovalStatus.APPROVED, null, 2).revision()).isEqualTo(3);
    }

    /**
     * REG-R19 on the remaining mutations (delete, aliases, cards): a stale revision fails with
     * {@link ConcurrentModificationException} naming both revisions and changes nothing (state, revision, audit,
     * events); the current revision applies the change.
     */
    @Test
    void expectedRevision_REG_R19_deleteAliasesCards_mismatchChangesNothing_matchApplies() {
        ModelVersion v1 = reg("g", "1");
        ModelVersion v2 = reg("g", "2");
        registry.setAlias("g", "champion", 1);
        registry.createCard(v2.uri(), CARD);
        List<RegistryEvent> events = new ArrayList<>();
        registry.addListener(events::add);
        long rev1 = registry.describe(v1.uri()).revision();
        long rev2 = registry.describe(v2.uri()).revision();
        assertThat(rev1).isEqualTo(2); // register, alias set
        assertThat(rev2).isEqualTo(2); // register, card created
        long audits = auditCount();
        ModelCard card = registry.card(v2.uri()).orElseThrow();
        Map<String, Runnable> stale = new java.util.LinkedHashMap<>();
        stale.put("deleteVersion", () -> registry.deleteVersion(v1.uri(),
                DeleteOptions.force().withExpectedRevision(rev1 - 1)));
        stale.put("setAlias (new)", () -> registry.setAlias("g", "challenger", 2, rev2 + 1));
        stale.put("setAlias (move)", () -> registry.setAlias("g", "champion", 2, rev2 + 1));
        stale.put("deleteAlias", () -> registry.deleteAlias("g", "champion", rev1 + 1));
        stale.put("createCard", () -> registry.createCard(v1.uri(), CARD, rev1 + 1));
        stale.put("updateCard", () -> registry.updateCard(v2.uri(), CARD.replace("crm-team", "x"), rev2 + 1));
        stale.put("updateCardStatus", () -> registry.updateCardStatus(v2.uri(), CardStatus.PENDING_REVIEW, "c",
                rev2 + 1));
        for (Map.Entry<String, Runnable> e : stale.entrySet()) {
            assertThatThrownBy(e.getValue()::run).as(e.getKey()).isInstanceOf(ConcurrentModificationException.class)
                    .hasMessageContaining("is at revision 2").hasMessageContaining("expected")
                    .hasMessageContaining("REG-R19");
        }
        assertThat(auditCount()).isEqualTo(audits);
        assertThat(events).isEmpty();
        assertThat(registry.describe(v1.uri()).revision()).isEqualTo(rev1);
        assertThat(registry.describe(v2.uri()).revision()).isEqualTo(rev2);
        assertThat(registry.aliases("g")).containsExactly(Map.entry("champion", 1));
        assertThat(registry.card(v1.uri())).isEmpty();
        assertThat(registry.card(v2.uri())).contains(card);
        assertThatThrownBy(() -> DeleteOptions.defaults().withExpectedRevision(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2");

        // the current revision applies each change (each bumps the revision by one)
        assertThat(registry.setAlias("g", "challenger", 2, 2).revision()).isEqualTo(3);
        assertThat(registry.updateCard(v2.uri(), CARD.replace("crm-team", "x"), 3).revision()).isEqualTo(2);
        assertThat(registry.updateCardStatus(v2.uri(), CardStatus.PENDING_REVIEW, "c", 4).status())
                .isEqualTo(CardStatus.PENDING_REVIEW);
        assertThat(registry.createCard(v1.uri(), CARD, 2).revision()).isEqualTo(1);
        assertThat(registry.describe(v1.uri()).revision()).isEqualTo(3);
        registry.deleteAlias("g", "champion", 3);
        assertThat(registry.aliases("g")).containsExactly(Map.entry("challenger", 2));
        registry.deleteVersion(v1.uri(), DeleteOptions.defaults().withExpectedRevision(4));
        assertThatThrownBy(() -> registry.describe(v1.uri())).isInstanceOf(ModelNotFoundException.class);
        assertThat(registry.describe(v2.uri()).revision()).isEqualTo(5);
        assertThat(events).extracting(ev -> ev.entry().action()).containsExactly(AuditAction.ALIAS_SET,
                AuditAction.CARD_REVISED, AuditAction.CARD_STATUS_CHANGED, AuditAction.CARD_CREATED,
                AuditAction.ALIAS_DELETED, AuditAction.VERSION_DELETED);
    }

    // ---------------------------------------------------------------- lifecycle (REG-R9, R10)

    @Test
    void lifecycle_REG_R9_permissiveAllowsAnyValidStrings() {
        ModelVersion v = reg("g", "1");
        assertThat(v.lifecycle()).isNull();
        ModelVersion u = registry.updateLifecycle(v.uri(), new Lifecycle("Shadow", "Watching", "canary"), "c");
        assertThat(u.lifecycle()).isEqualTo(new Lifecycle("Shadow", "Watching", "canary"));
        assertThat(registry.updateLifecycle(v.uri(), Lifecycle.of(Lifecycle.PRODUCTION, Lifecycle.APPROVED), null)
                .lifecycle().stage()).isEqualTo("Production");
        assertThatThrownBy(() -> Lifecycle.of("a\nb", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> Lifecycle.of("s".repeat(64), "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1-63");
        assertThatThrownBy(() -> new Lifecycle("QA", "x", "d".repeat(1025)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
    }

    @Test
    void lifecycle_REG_R10_templatePolicyDeniesAndWritesNothing() throws Exception {
        registry.close();
        registry = open(options().withPolicy(LifecyclePolicy.templates()));
        ModelVersion v = reg("g", "1");
        registry.updateLifecycle(v.uri(), Lifecycle.of(Lifecycle.DEVELOPMENT, Lifecycle.IN_PROGRESS), null);
        registry.updateLifecycle(v.uri(), Lifecycle.of(Lifecycle.QA, Lifecycle.IN_PROGRESS), null);
        registry.updateLifecycle(v.uri(), Lifecycle.of(Lifecycle.QA, Lifecycle.ON_HOLD), null);
        long rev = registry.describe(v.uri()).revision();
        long audits = auditCount();
        List<RegistryEvent> events = new ArrayList<>();
        registry.addListener(events::add);
        assertThatThrownBy(() -> registry.updateLifecycle(v.uri(),
                Lifecycle.of(Lifecycle.PRODUCTION, Lifecycle.APPROVED), null))
                .isInstanceOf(LifecycleTransitionDeniedException.class).hasMessageContaining("QA/OnHold")
                .hasMessageContaining("Production/Approved").hasMessageContaining("forward path");
        assertThatThrownBy(() -> registry.updateLifecycle(v.uri(), Lifecycle.of("Staging", Lifecycle.APPROVED),
                null)).isInstanceOf(LifecycleTransitionDeniedException.class)
                .hasMessageContaining("unknown stage 'Staging'");
        assertThat(registry.describe(v.uri()).revision()).isEqualTo(rev);
        assertThat(registry.describe(v.uri()).lifecycle()).isEqualTo(Lifecycle.of("QA", "OnHold"));
        assertThat(auditCount()).isEqualTo(audits);
        assertThat(events).isEmpty();
        registry.updateLifecycle(v.uri(), Lifecycle.of(Lifecycle.ARCHIVED, Lifecycle.RETIRED), "done");
        assertThatThrownBy(() -> registry.updateLifecycle(v.uri(), Lifecycle.of(Lifecycle.QA, Lifecycle.APPROVED),
                null)).isInstanceOf(LifecycleTransitionDeniedException.class).hasMessageContaining("final");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).entry().action()).isEqualTo(AuditAction.LIFECYCLE_CHANGED);
        assertThat(events.get(0).entry().from()).contains("\"stage\":\"QA\"");
    }

    // ---------------------------------------------------------------- aliases, URIs (REG-R11, R12)

    @Test
    void aliases_REG_R11_R12_setMoveResolveDelete() {
        reg("g", "1");
        reg("g", "2");
        registry.setAlias("g", "champion", 1);
        assertThat(registry.describe(ModelUri.parse("models:/g@champion")).version()).isEqualTo(1);
        ModelVersion moved = registry.setAlias("g", "champion", 2);
        assertThat(moved.aliases()).containsExactly("champion");
        assertThat(registry.describe(ModelUri.of("g", 1)).aliases()).isEmpty();
        assertThat(registry.resolve("g", "champion").version()).isEqualTo(2);
        registry.setAlias("g", "challenger", 2);
        assertThat(registry.describe(ModelUri.of("g", 2)).aliases()).containsExactly("challenger", "champion");
        List<AuditEntry> sets = registry.auditLog().query(AuditQuery.group("g").withAction(AuditAction.ALIAS_SET));
        assertThat(sets.get(1).from()).isEqualTo("{\"alias\":\"champion\",\"version\":1}");
        assertThat(sets.get(1).to()).isEqualTo("{\"alias\":\"champion\",\"version\":2}");
        registry.deleteAlias("g", "challenger");
        assertThat(registry.aliases("g")).containsExactly(Map.entry("champion", 2));
        assertThatThrownBy(() -> registry.describe(ModelUri.parse("models:/g@challenger")))
                .isInstanceOf(ModelNotFoundException.class).hasMessageContaining("Alias 'challenger'");
        assertThatThrownBy(() -> registry.deleteAlias("g", "challenger")).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry.setAlias("g", "x", 7)).isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("Version 7");
        assertThatThrownBy(() -> registry.describe(ModelUri.latest("empty"))).isInstanceOf(
                ModelNotFoundException.class).hasMessageContaining("'empty'");
    }

    // ---------------------------------------------------------------- delete rules (REG-R19)

    @Test
    void delete_REG_R19_aliasesBlock_forceDeletes_groupOnlyWhenEmpty() {
        ModelVersion v1 = reg("g", "1");
        registry.setAlias("g", "champion", 1);
        long audits = auditCount();
        assertThatThrownBy(() -> registry.deleteVersion(v1.uri(), DeleteOptions.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[champion]");
        assertThat(registry.describe(v1.uri()).aliases()).containsExactly("champion");
        assertThatThrownBy(() -> registry.deleteGroup("g")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 version");
        assertThat(auditCount()).isEqualTo(audits);
        registry.deleteVersion(v1.uri(), DeleteOptions.force());
        assertThat(registry.aliases("g")).isEmpty();
        assertThatThrownBy(() -> registry.describe(v1.uri())).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry.deleteVersion(v1.uri(), DeleteOptions.defaults()))
                .isInstanceOf(ModelNotFoundException.class);
        registry.deleteGroup("g");
        assertThatThrownBy(() -> registry.group("g")).isInstanceOf(ModelNotFoundException.class);
        assertThatThrownBy(() -> registry.deleteGroup("g")).isInstanceOf(ModelNotFoundException.class);
        List<AuditEntry> beforeRecreate = registry.auditLog().query(AuditQuery.group("g"));
        // A re-created group continues the numbering: models:/g/1 never names a different artifact (REG-R3).
        registry.createGroup("g", null, Map.of());
        assertThat(reg("g", "new").version()).isEqualTo(2);
        registry.deleteVersion(ModelUri.of("g", 2), DeleteOptions.defaults());
        registry.deleteGroup("g");
        assertThat(reg("g", "newer").version()).isEqualTo(3);
        // Audit entries survive the deletion of their group (REG-R15).
        assertThat(beforeRecreate).extracting(AuditEntry::action)
                .containsExactly(AuditAction.GROUP_CREATED, AuditAction.VERSION_REGISTERED, AuditAction.ALIAS_SET,
                        AuditAction.ALIAS_DELETED, AuditAction.VERSION_DELETED, AuditAction.GROUP_DELETED);
    }

    // ---------------------------------------------------------------- audit and events (REG-R15…R17)

    @Test
    void audit_REG_R15_R16_fieldsQueriesAndSince() {
        reg("g", "1");
        actor = "bob";
        registry.updateApproval(ModelUri.of("g", 1), ApprovalStatus.APPROVED, "fine");
        List<AuditEntry> all = registry.auditLog().since(0);
        assertThat(all).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L);
        AuditEntry last = all.get(2);
        assertThat(last.actor()).isEqualTo("bob");
        assertThat(last.group()).isEqualTo("g");
        assertThat(last.version()).isEqualTo(1);
        assertThat(last.comment()).isEqualTo("fine");
        assertThat(last.time()).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
        assertThat(registry.auditLog().since(2)).containsExactly(last);
        assertThat(registry.auditLog().query(AuditQuery.all().withActor("alice"))).hasSize(2);
        assertThat(registry.auditLog().query(AuditQuery.all().withTime(Instant.parse("2026-01-01T00:00:01Z"),
                null))).containsExactly(last);
        assertThat(registry.auditLog().query(new AuditQuery(null, 0, null, null, null, null, 0, 2))).hasSize(2);
    }

    /**
     * REG-R16: audit queries page with an opaque token like searchVersions: every matching entry exactly once, in
     * sequence order, entries appended between pages appear later, the last page has no token; a token reused with
     * other filters or a forged token → IAE; {@code since(seq)} still works for followers.
     */
    @Test
    void audit_REG_R16_tokenPaging_stable_tokenBoundToQuery() {
        for (int i = 1; i <= 5; i++) {
            reg(i % 2 == 0 ? "a" : "b", "m" + i); // b: seq 1 (group), 2; a: 3 (group), 4; b 5; a 6; b 7
        }
        AuditQuery q = AuditQuery.group("b").withPageSize(2);
        Page<AuditEntry> p = registry.auditLog().page(q);
        assertThat(p.items()).extracting(AuditEntry::sequence).containsExactly(1L, 2L);
        List<Long> seen = new ArrayList<>(p.items().stream().map(AuditEntry::sequence).toList());
        reg("b", "late"); // seq 8, appended between pages: appears on a later page
        reg("a", "late"); // seq 9, does not match
        int pages = 1;
        while (p.nextPageToken() != null) {
            p = registry.auditLog().page(q.withPageToken(p.nextPageToken()));
            seen.addAll(p.items().stream().map(AuditEntry::sequence).toList());
            pages++;
        }
        assertThat(seen).containsExactly(1L, 2L, 5L, 7L, 8L);
        assertThat(pages).isEqualTo(3);
        // exactly one full page: no token
        assertThat(registry.auditLog().page(AuditQuery.group("a").withPageSize(4)).nextPageToken()).isNull();
        assertThat(registry.auditLog().page(AuditQuery.group("a").withPageSize(3)).nextPageToken()).isNotNull();

        String token = registry.auditLog().page(q).nextPageToken();
        // a different page size is the same query; a different filter is not
        assertThat(registry.auditLog().page(q.withPageSize(10).withPageToken(token)).items())
                .extracting(AuditEntry::sequence).containsExactly(5L, 7L, 8L);
        for (AuditQuery other : List.of(AuditQuery.group("a").withPageSize(2).withPageToken(token),
                q.withAction(AuditAction.VERSION_REGISTERED).withPageToken(token),
                q.withActor("bob").withPageToken(token), q.after(1).withPageToken(token),
                AuditQuery.all().withPageToken(token))) {
            assertThatThrownBy(() -> registry.auditLog().page(other)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("different query");
        }
        assertThatThrownBy(() -> registry.auditLog().page(q.withPageToken("garbage!")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page token");
        assertThatThrownBy(() -> registry.auditLog().query(q.withPageToken("garbage!")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page token");
        assertThatThrownBy(() -> q.withPageSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..1000");
        assertThatThrownBy(() -> q.after(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        // followers keep using sequences
        assertThat(registry.auditLog().since(7)).extracting(AuditEntry::sequence).containsExactly(8L, 9L);
        assertThat(registry.auditLog().query(q.after(5))).extracting(AuditEntry::sequence).containsExactly(7L, 8L);
    }

    @Test
    void events_REG_R17_oneEventPerCommittedChange_inOrder_throwingListenerIsolated() {
        List<RegistryEvent> seen = Collections.synchronizedList(new ArrayList<>());
        registry.addListener(e -> {
            throw new IllegalStateException("boom");
        });
        registry.addListener(e -> {
            throw new AssertionError("a listener's own assertion"); // an Error is isolated too
        });
        registry.addListener(seen::add);
        List<ApprovalStatus> seenInside = new ArrayList<>();
        registry.addListener(e -> {
            // Fired after commit: the change is visible from inside the listener (and reading does not deadlock).
            if (e.entry().action() == AuditAction.APPROVAL_CHANGED) {
                seenInside.add(registry.describe(ModelUri.of(e.entry().group(), e.entry().version()))
                        .approvalStatus());
            }
        });
        ModelVersion v = reg("g", "1");
        registry.updateApproval(v.uri(), ApprovalStatus.APPROVED, null);
        registry.updateApproval(v.uri(), ApprovalStatus.APPROVED, null); // no-op: no event
        registry.updateApproval(v.uri(), ApprovalStatus.REJECTED, null);
        assertThatThrownBy(() -> registry.updateApproval(v.uri(), ApprovalStatus.PENDING_MANUAL_APPROVAL, null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(seen).extracting(e -> e.entry().action()).containsExactly(AuditAction.GROUP_CREATED,
                AuditAction.VERSION_REGISTERED, AuditAction.APPROVAL_CHANGED, AuditAction.APPROVAL_CHANGED);
        assertThat(seenInside).containsExactly(ApprovalStatus.APPROVED, ApprovalStatus.REJECTED);
        assertThat(seen.get(1).isApproved()).isFalse(); // registered PENDING_MANUAL_APPROVAL
        assertThat(seen.get(2).isApproved()).isTrue();
        assertThat(seen.get(3).isApprovalRevoked()).isTrue();
        assertThat(seen).extracting(e -> e.entry().sequence()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(seen.stream().map(RegistryEvent::entry).toList()).isEqualTo(registry.auditLog().since(0));
        // a version registered as APPROVED is an approval too, for hooks keyed on isApproved()
        registry.register("g", TestModels.iris().bestModel(),
                RegisterOptions.defaults().withApproval(ApprovalStatus.APPROVED, "pre-approved"));
        assertThat(seen.get(seen.size() - 1).entry().action()).isEqualTo(AuditAction.VERSION_REGISTERED);
        assertThat(seen.get(seen.size() - 1).isApproved()).isTrue();
    }

    /**
     * REG-R17: a listener that reacts with a change of its own (a CI/CD hook that, on APPROVED -> REJECTED, points
     * the champion alias at the latest APPROVED version) must not reorder what the other listeners see: every
     * listener gets the events in commit order.
     */
    @Test
    void events_REG_R17_listenerMakingAChange_othersStillSeeCommitOrder() {
        reg("g", "1");
        reg("g", "2");
        registry.updateApproval(ModelUri.of("g", 1), ApprovalStatus.APPROVED, null);
        registry.updateApproval(ModelUri.of("g", 2), ApprovalStatus.APPROVED, null);
        registry.setAlias("g", "champion", 2);
        long before = auditCount();
        registry.addListener(e -> {
            if (e.isApprovalRevoked()) {
                registry.latestVersion(e.entry().group(), ApprovalStatus.APPROVED)
                        .ifPresent(v -> registry.setAlias(v.group(), "champion", v.version()));
            }
        });
        List<AuditEntry> seen = new ArrayList<>();
        registry.addListener(e -> seen.add(e.entry()));
        registry.updateApproval(ModelUri.of("g", 2), ApprovalStatus.REJECTED, "drift");
        assertThat(registry.resolve("g", "champion").version()).isEqualTo(1);
        assertThat(seen).extracting(AuditEntry::action)
                .containsExactly(AuditAction.APPROVAL_CHANGED, AuditAction.ALIAS_SET);
        assertThat(seen).isEqualTo(registry.auditLog().since(before));
    }

    // ---------------------------------------------------------------- search (REG-R18)

    @Test
    void search_REG_R18_filtersSortPaging() throws Exception {
        double[] auc = {0, 0.55, 0.60, 0.65, 0, 0.75, 0.80, 0.85};
        for (int i = 1; i <= 7; i++) {
            VersionSpec s = i == 4 ? spec() : spec(auc[i]);
            registry.register(i % 2 == 0 ? "a" : "b", bytes("m" + i), s);
        }
        registry.updateApproval(ModelUri.of("b", 2), ApprovalStatus.APPROVED, null);
        registry.updateMetadata(ModelUri.of("a", 1), Map.of("team", "crm"), ModelRegistry.ANY_REVISION);
        registry.setAlias("a", "champion", 2);

        Page<ModelVersion> byMetric = registry.searchVersions(VersionQuery.builder().sortByMetric("AUC", true)
                .build());
        assertThat(byMetric.items()).extracting(v -> v.group() + v.version())
                .containsExactly("b4", "a3", "b3", "b2", "a1", "b1", "a2"); // a2 lacks AUC: last
        assertThat(registry.searchVersions(VersionQuery.builder().metric("AUC", 0.7, 0.8).build()).items())
                .extracting(v -> v.group() + v.version()).containsExactly("a3", "b3");
        assertThat(registry.searchVersions(VersionQuery.builder().groups("a")
                .approvalStatus(ApprovalStatus.PENDING_MANUAL_APPROVAL).build()).items()).hasSize(3);
        assertThat(registry.searchVersions(VersionQuery.builder().approvalStatus(ApprovalStatus.APPROVED).build())
                .items()).extracting(ModelVersion::uri).containsExactly(ModelUri.of("b", 2));
        assertThat(registry.searchVersions(VersionQuery.builder().metadata("team", "crm").build()).items())
                .extracting(ModelVersion::uri).containsExactly(ModelUri.of("a", 1));
        assertThat(registry.searchVersions(VersionQuery.builder().hasAlias(true).build()).items())
                .extracting(ModelVersion::uri).containsExactly(ModelUri.of("a", 2));
        assertThat(registry.searchVersions(VersionQuery.builder().hasAlias(false).build()).items()).hasSize(6);
        assertThat(registry.searchVersions(VersionQuery.builder().created(Instant.parse("2026-01-01T00:00:03Z"),
                Instant.parse("2026-01-01T00:00:04Z")).build()).items()).hasSize(2);

        // Paging by creation time descending, 3 per page: every version exactly once, in order.
        VersionQuery q = VersionQuery.builder().sortBy(VersionQuery.SortField.CREATED, true).pageSize(3).build();
        List<ModelVersion> all = new ArrayList<>();
        Page<ModelVersion> p = registry.searchVersions(q);
        all.addAll(p.items());
        int pages = 1;
        while (p.nextPageToken() != null) {
            p = registry.searchVersions(q.withPageToken(p.nextPageToken()));
            all.addAll(p.items());
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(all).extracting(ModelVersion::createdAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(all).hasSize(7).doesNotHaveDuplicates();

        String token = registry.searchVersions(q).nextPageToken();
        VersionQuery other = VersionQuery.builder().groups("a").pageSize(3).pageToken(token).build();
        assertThatThrownBy(() -> registry.searchVersions(other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("different query");
        assertThatThrownBy(() -> registry.searchVersions(q.withPageToken("garbage!")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page token");
        // a token with the right query fingerprint but a field removed or retyped is refused the same way
        java.util.Map<String, Object> fields = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                java.util.Base64.getUrlDecoder().decode(token), java.util.LinkedHashMap.class);
        for (String key : new String[] {"k", "g", "v"}) {
            java.util.Map<String, Object> bad = new java.util.LinkedHashMap<>(fields);
            bad.put(key, key.equals("g") ? (Object) 7 : "seven");
            String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(bad));
            assertThatThrownBy(() -> registry.searchVersions(q.withPageToken(forged)))
                    .as(key).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page token");
        }
        assertThatThrownBy(() -> VersionQuery.builder().pageSize(1001).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..1000");
    }

    /**
     * REG-R18: versions lacking the sort metric sort last in both directions, even after extreme real values
     * (±Double.MAX_VALUE, ±1.7e308, beyond the old ±1e308 stand-in), and paging with every page size crosses the
     * boundary between present and missing values without duplicates or skips.
     */
    @Test
    void search_REG_R18_missingMetricSortsLast_exactly_pagingAcrossTheBoundary() {
        double[] values = {Double.MAX_VALUE, 1.7e308, 0.5, -1.7e308, -Double.MAX_VALUE};
        // registration order: missing, MAX, missing, 1.7e308, 0.5, missing, -1.7e308, -MAX
        List<String> order = new ArrayList<>();
        int vi = 0;
        for (int i = 1; i <= 8; i++) {
            boolean missing = i == 1 || i == 3 || i == 6;
            String group = i % 2 == 0 ? "a" : "b";
            ModelVersion v = registry.register(group, bytes("m" + i), missing ? spec() : spec(values[vi++]));
            order.add(v.group() + v.version());
        }
        // b1 missing, a1 MAX, b2 missing, a2 1.7e308, b3 0.5, a3 missing, b4 -1.7e308, a4 -MAX
        List<String> desc = List.of("a1", "a2", "b3", "b4", "a4", "a3", "b1", "b2");
        List<String> asc = List.of("a4", "b4", "b3", "a2", "a1", "a3", "b1", "b2");
        assertThat(order).containsExactly("b1", "a1", "b2", "a2", "b3", "a3", "b4", "a4");
        for (boolean descending : new boolean[] {true, false}) {
            List<String> expected = descending ? desc : asc;
            for (int size = 1; size <= 9; size++) {
                VersionQuery q = VersionQuery.builder().sortByMetric("AUC", descending).pageSize(size).build();
                List<String> seen = new ArrayList<>();
                Page<ModelVersion> p = registry.searchVersions(q);
                seen.addAll(p.items().stream().map(v -> v.group() + v.version()).toList());
                int pages = 1;
                while (p.nextPageToken() != null) {
                    p = registry.searchVersions(q.withPageToken(p.nextPageToken()));
                    seen.addAll(p.items().stream().map(v -> v.group() + v.version()).toList());
                    pages++;
                }
                assertThat(seen).as("descending=%s pageSize=%d", descending, size).containsExactlyElementsOf(expected);
                assertThat(pages).isEqualTo((8 + size - 1) / size);
            }
        }
        // a version lacking the metric registered after the first page was read still comes last, exactly once
        VersionQuery q = VersionQuery.builder().sortByMetric("AUC", true).pageSize(5).build();
        Page<ModelVersion> first = registry.searchVersions(q);
        registry.register("a", bytes("late"), spec());
        Page<ModelVersion> second = registry.searchVersions(q.withPageToken(first.nextPageToken()));
        assertThat(second.items()).extracting(v -> v.group() + v.version()).containsExactly("a3", "a5", "b1", "b2");
    }

    @Test
    void search_REG_R18_pagingStableUnderConcurrentInserts() {
        for (int i = 0; i < 10; i++) {
            reg("g", "x" + i);
        }
        VersionQuery q = VersionQuery.builder().groups("g").pageSize(4).build();
        Page<ModelVersion> p = registry.searchVersions(q);
        List<Integer> seen = new ArrayList<>(p.items().stream().map(ModelVersion::version).toList());
        reg("g", "late1");
        registry.deleteVersion(ModelUri.of("g", 2), DeleteOptions.defaults()); // already seen: no effect
        while (p.nextPageToken() != null) {
            p = registry.searchVersions(q.withPageToken(p.nextPageToken()));
            seen.addAll(p.items().stream().map(ModelVersion::version).toList());
            reg("g", "late" + seen.size());
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.subList(0, 10)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void searchGroups_REG_R18_prefixContainsTagsPaging() {
        for (String n : List.of("churn-a", "churn-b", "fraud", "churn-c", "Upper")) {
            registry.createGroup(n, null, n.startsWith("churn") ? Map.of("team", "crm") : Map.of("team", "risk"));
        }
        assertThat(registry.searchGroups(new GroupQuery("churn", null, null, null, 100, null)).items())
                .extracting(ModelGroup::name).containsExactly("churn-a", "churn-b", "churn-c");
        assertThat(registry.searchGroups(new GroupQuery(null, "au", null, null, 100, null)).items())
                .extracting(ModelGroup::name).containsExactly("fraud");
        assertThat(registry.searchGroups(new GroupQuery(null, null, "team", "risk", 100, null)).items())
                .extracting(ModelGroup::name).containsExactly("Upper", "fraud");
        GroupQuery q = new GroupQuery(null, null, null, null, 2, null);
        List<String> names = new ArrayList<>();
        Page<ModelGroup> p = registry.searchGroups(q);
        names.addAll(p.items().stream().map(ModelGroup::name).toList());
        while (p.nextPageToken() != null) {
            p = registry.searchGroups(q.withPageToken(p.nextPageToken()));
            names.addAll(p.items().stream().map(ModelGroup::name).toList());
        }
        assertThat(names).containsExactly("Upper", "churn-a", "churn-b", "churn-c", "fraud");
    }

    // ---------------------------------------------------------------- model cards (REG-R13, R14)

    static final String CARD = "{\"model_overview\": {\"owner\": \"crm-team\", \"algorithm_type\": \"GBDT\"},"
            + " \"intended_uses\": {\"purpose_of_model\": \"churn risk\", \"risk_rating\": \"MEDIUM\"},"
            + " \"evaluation_details\": [{\"name\": \"holdout\", \"datasets\": [\"q3.csv\"],"
            + " \"metric_groups\": [{\"name\": \"binary\", \"metric_data\": [{\"name\": \"confusion\","
            + " \"type\": \"matrix\", \"matrix\": [[50, 3], [4, 43]]}]}]}]}";

    @Test
    void cards_REG_R13_R14_schemaRevisionsStatusCopyAndExport() {
        ModelVersion v1 = registry.register("churn", bytes("m1"), VersionSpec.builder().format("x", 1)
                .metrics(Map.of("AUC", 0.91)).hyperparameters(Map.of("depth", "6"))
                .options(RegisterOptions.defaults().withDescription("first model")).build());
        ModelCard c1 = registry.createCard(v1.uri(), CARD);
        assertThat(c1.revision()).isEqualTo(1);
        assertThat(c1.status()).isEqualTo(CardStatus.DRAFT);
        assertThat(c1.json()).contains("\"model_group\":\"churn\"").contains("\"model_version\":1")
                .contains("\"model_description\":\"first model\"").contains("\"metrics\":{\"AUC\":0.91}")
                .contains("\"hyperparameters\":{\"depth\":\"6\"}").contains("\"owner\":\"crm-team\"");
        assertThatThrownBy(() -> registry.createCard(v1.uri(), CARD)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has a model card");

        long audits = auditCount();
        assertThatThrownBy(() -> registry.updateCard(v1.uri(), "{\"model_overview\": {\"colour\": \"red\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> registry.updateCard(v1.uri(), "{\"model_group\": \"other\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model_group");
        assertThatThrownBy(() -> registry.updateCard(v1.uri(), "{\"intended_uses\": {\"risk_rating\": \"EXTREME\"}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EXTREME");
        assertThatThrownBy(() -> registry.updateCard(v1.uri(), "{\"business_details\": {\"business_problem\": \""
                + "x".repeat(2049) + "\"}}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("business_details.business_problem").hasMessageContaining("2048");
        String big = "[" + String.join(",", java.util.Collections.nCopies(21, "[1]")) + "]";
        assertThatThrownBy(() -> registry.updateCard(v1.uri(), "{\"evaluation_details\": [{\"name\": \"e\", "
                + "\"metric_groups\": [{\"name\": \"g\", \"metric_data\": [{\"name\": \"m\", \"matrix\": " + big
                + "}]}]}]}")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("21x1");
        assertThat(auditCount()).isEqualTo(audits);

        ModelCard c2 = registry.updateCard(v1.uri(), CARD.replace("crm-team", "risk-team"));
        assertThat(c2.revision()).isEqualTo(2);
        assertThat(registry.cardRevision(v1.uri(), 1).json()).contains("crm-team");
        assertThat(registry.card(v1.uri()).orElseThrow().json()).contains("risk-team");

        assertThatThrownBy(() -> registry.updateCardStatus(v1.uri(), CardStatus.APPROVED, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DRAFT to APPROVED");
        registry.updateCardStatus(v1.uri(), CardStatus.PENDING_REVIEW, null);
        registry.updateCardStatus(v1.uri(), CardStatus.DRAFT, "needs owner");
        registry.updateCardStatus(v1.uri(), CardStatus.PENDING_REVIEW, null);
        registry.updateCardStatus(v1.uri(), CardStatus.APPROVED, "ok");
        ModelCard archived = registry.updateCardStatus(v1.uri(), CardStatus.ARCHIVED, null);
        assertThat(archived.revision()).isEqualTo(2);
        assertThatThrownBy(() -> registry.updateCardStatus(v1.uri(), CardStatus.DRAFT, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("final");
        assertThatThrownBy(() -> registry.updateCard(v1.uri(), CARD)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ARCHIVED");

        // A new card without content copies the user sections of the latest earlier card of the group.
        ModelVersion v2 = registry.register("churn", bytes("m2"), VersionSpec.builder().format("x", 1)
                .metrics(Map.of("AUC", 0.93)).build());
        reg("churn", "m3");
        ModelCard copied = registry.createCard(v2.uri(), null);
        assertThat(copied.json()).contains("risk-team").contains("\"model_version\":2")
                .contains("\"AUC\":0.93").doesNotContain("0.91");
        assertThat(registry.card(ModelUri.of("churn", 3))).isEmpty();

        String md = copied.toMarkdown();
        assertThat(md).startsWith("# Model card: models:/churn/2").contains("## Model overview")
                .contains("- **Owner**: risk-team").contains("## Evaluation details").contains("- [50.0,3.0]")
                .contains("- **Risk rating**: MEDIUM");
        assertThat(registry.auditLog().query(AuditQuery.group("churn"))).extracting(AuditEntry::action)
                .filteredOn(a -> a.name().startsWith("CARD")).containsExactly(AuditAction.CARD_CREATED,
                        AuditAction.CARD_REVISED, AuditAction.CARD_STATUS_CHANGED, AuditAction.CARD_STATUS_CHANGED,
                        AuditAction.CARD_STATUS_CHANGED, AuditAction.CARD_STATUS_CHANGED,
                        AuditAction.CARD_STATUS_CHANGED, AuditAction.CARD_CREATED);
        // Deleting the version deletes its card.
        registry.deleteVersion(v2.uri(), DeleteOptions.defaults());
        assertThatThrownBy(() -> registry.card(v2.uri())).isInstanceOf(ModelNotFoundException.class);
    }

    // ---------------------------------------------------------------- integrity and concurrency (REG-R20, R21)

    @Test
    void integrity_REG_R20_tamperedBlobDetectedNamingVersion() throws Exception {
        ModelVersion v = reg("g", "good bytes");
        reg("g", "other");
        assertThat(registry.verify().ok()).isTrue();
        corrupt(v.artifact().sha256());
        assertThatThrownBy(() -> registry.openArtifact(v.uri())).isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("models:/g/1").hasMessageContaining(v.artifact().sha256());
        VerifyReport report = registry.verify();
        assertThat(report.ok()).isFalse();
        assertThat(report.versions()).isEqualTo(2);
        assertThat(report.problems()).hasSize(1);
        assertThat(report.problems().get(0)).startsWith("models:/g/1:");
        try (InputStream in = registry.openArtifact(ModelUri.of("g", 2))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("other");
        }
    }

    /**
     * REG-R20: identical content is stored once, but registering bytes whose stored blob was damaged must store them
     * afresh instead of pointing the new version at corrupt bytes (the older version sharing the blob is healed).
     */
    @Test
    void integrity_REG_R20_reRegisteringOverTamperedBlobStoresGoodBytes() throws Exception {
        ModelVersion v1 = reg("g", "good bytes");
        corrupt(v1.artifact().sha256());
        ModelVersion v2 = reg("g", "good bytes");
        assertThat(v2.artifact().sha256()).isEqualTo(v1.artifact().sha256());
        try (InputStream in = registry.openArtifact(v2.uri())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("good bytes");
        }
        assertThat(registry.verify().problems()).isEmpty();
    }

    @Test
    void concurrency_REG_R3_R21_eightThreadsTimesFifty() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Integer> mine = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        mine.add(reg("race", "t" + thread + "-" + i).version());
                    }
                    return mine;
                }));
            }
            Set<Integer> all = new HashSet<>();
            for (Future<List<Integer>> f : futures) {
                for (int v : f.get(120, TimeUnit.SECONDS)) {
                    assertThat(all.add(v)).as("duplicate version %s", v).isTrue();
                }
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 400).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        VerifyReport report = registry.verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.versions()).isEqualTo(400);
        // Every artifact is readable and belongs to its version.
        Set<String> contents = new HashSet<>();
        for (int v = 1; v <= 400; v++) {
            try (InputStream in = registry.openArtifact(ModelUri.of("race", v))) {
                contents.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(contents).hasSize(400);
        assertThat(registry.auditLog().query(AuditQuery.group("race").withAction(AuditAction.VERSION_REGISTERED)
                .after(0))).hasSize(400);
        List<AuditEntry> log = new ArrayList<>();
        long after = 0;
        List<AuditEntry> page;
        while (!(page = registry.auditLog().since(after)).isEmpty()) {
            log.addAll(page);
            after = page.get(page.size() - 1).sequence();
        }
        assertThat(log.stream().map(AuditEntry::sequence).collect(Collectors.toList()))
                .isEqualTo(IntStream.rangeClosed(1, 401).mapToObj(i -> (long) i).toList());
    }

    /** Artifacts larger than one storage chunk (1 MiB on PostgreSQL / in-memory) round-trip byte for byte. */
    @Test
    void largeArtifact_REG_R22_chunkedRoundTrip() throws Exception {
        byte[] big = new byte[(5 << 20) / 2 + 17];
        new java.util.SplittableRandom(5).nextBytes(big);
        ModelVersion v = registry.register("big", new java.io.ByteArrayInputStream(big), spec());
        assertThat(v.artifact().size()).isEqualTo(big.length);
        try (InputStream in = registry.openArtifact(v.uri())) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
        assertThat(registry.verify().ok()).isTrue();
    }

    @Test
    void gc_REG_R20_removesUnreferencedBlobsOnly() {
        ModelVersion a = reg("g", "same");
        ModelVersion b = reg("g", "same");
        ModelVersion c = reg("g", "unique");
        assertThat(a.artifact().sha256()).isEqualTo(b.artifact().sha256());
        registry.deleteVersion(a.uri(), DeleteOptions.defaults());
        registry.deleteVersion(c.uri(), DeleteOptions.defaults());
        assertThat(((io.automl4j.registry.internal.JdbcModelRegistry) registry).gc(java.time.Duration.ZERO))
                .isEqualTo(1);
        assertThat(registry.verify().ok()).isTrue();
        try (InputStream in = registry.openArtifact(b.uri())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("same");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void overLongFields_rejectedBeforeAnyChange() {
        long before = auditCount();
        assertThatThrownBy(() -> RegisterOptions.defaults().withDescription("d".repeat(1025)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> registry.register("g", bytes("x"), VersionSpec.builder()
                .metrics(Map.of("AUC", Double.NaN)).build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AUC");
        assertThatThrownBy(() -> new Lineage(null, null, null, null, "s".repeat(1025)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source URI")
                .hasMessageContaining("1024");
        assertThatThrownBy(() -> VersionSpec.builder().problemType("p".repeat(65)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("problem type");
        assertThatThrownBy(() -> registry.register("bad_name", bytes("x"), spec()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad_name");
        ModelVersion v = reg("g", "1");
        assertThatThrownBy(() -> registry.updateDescription(v.uri(), "d".repeat(1025), ModelRegistry.ANY_REVISION))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1025");
        assertThatThrownBy(() -> registry.updateApproval(v.uri(), ApprovalStatus.APPROVED, "c".repeat(1025)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(registry.describe(v.uri()).revision()).isEqualTo(1);
        assertThat(auditCount()).isEqualTo(before + 2);
    }
}
