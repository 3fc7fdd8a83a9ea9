package io.automl4j.registry;

import io.automl4j.api.AutoMLResult;
import io.automl4j.api.model.TrainedModel;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * A model registry (registry.md). Thread-safe and {@link AutoCloseable}; every mutation is one transaction that
 * also appends its audit entry (REG-R15) and fires one event after commit (REG-R17). Methods taking an
 * {@code expectedRevision} fail with {@link ConcurrentModificationException} when the version's revision differs
 * (REG-R19); pass {@link #ANY_REVISION} to skip the check.
 *
 * <pre>{@code
 * try (ModelRegistry registry = ModelRegistries.embedded(Path.of("registry"))) {
 *     registry.createGroupIfAbsent("churn", "Churn classifier", Map.of("team", "crm"));
 *     ModelVersion v = registry.register("churn", result.bestModel(), RegisterOptions.fromResult(result));
 *     registry.updateApproval(v.uri(), ApprovalStatus.APPROVED, "AUC 0.91 on holdout");
 *     registry.setAlias("churn", "champion", v.version());
 *     TrainedModel model = registry.load(ModelUri.parse("models:/churn@champion"));
 * }
 * }</pre>
 */
public interface ModelRegistry extends AutoCloseable {
    /** Skip the revision check. */
    long ANY_REVISION = -1;

    // ---- groups (REG-R2) ----

    /**
     * @param name        group name (REG-R2)
     * @param description ≤ 1024 chars, may be null
     * @param tags        ≤ 50 tags
     * @return the new group
     * @throws GroupAlreadyExistsException when the name exists
     */
    ModelGroup createGroup(String name, String description, Map<String, String> tags);

    /**
     * @param name        group name
     * @param description used only when created
     * @param tags        used only when created
     * @return the existing or new group
     */
    ModelGroup createGroupIfAbsent(String name, String description, Map<String, String> tags);

    /**
     * @param name        group name
     * @param description new description, or null to keep
     * @param tags        new tags (replace), or null to keep
     * @return the updated group
     */
    ModelGroup updateGroup(String name, String description, Map<String, String> tags);

    /** @param name group name @return the group @throws ModelNotFoundException when absent */
    ModelGroup group(String name);

    /** @param query filters and paging @return one page of groups sorted by name */
    Page<ModelGroup> searchGroups(GroupQuery query);

    /**
     * Deletes an empty group (REG-R19); its audit entries survive.
     *
     * @param name group name
     * @throws IllegalStateException naming the version count when it has versions
     */
    void deleteGroup(String name);

    // ---- registration (REG-R5) ----

    /**
     * Registers a trained model: saves it, stores the artifact as a content-addressed blob and fills the immutable
     * part from the model (signature, provenance, hyperparameters, lineage) and the options (metrics). The group is
     * created when absent.
     *
     * @param group   group name
     * @param model   the model
     * @param options mutable fields and metrics
     * @return the new version
     */
    ModelVersion register(String group, TrainedModel model, RegisterOptions options);

    /**
     * Registers the best model of an AutoML result with its metrics and objective (one call, REG-R5).
     *
     * @param group  group name
     * @param result the result
     * @return the new version
     */
    default ModelVersion register(String group, AutoMLResult result) {
        return register(group, result.bestModel(), RegisterOptions.fromResult(result));
    }

    /**
     * Registers an external artifact with explicit fields; the group is created when absent.
     *
     * @param group    group name
     * @param artifact the artifact bytes (read fully, not closed)
     * @param spec     the fields
     * @return the new version
     */
    ModelVersion register(String group, InputStream artifact, VersionSpec spec);

    // ---- reading (REG-R7, R12) ----

    /** @param uri a model URI @return the version's metadata @throws ModelNotFoundException naming what is missing */
    ModelVersion describe(ModelUri uri);

    /**
     * Loads a version saved from a {@code TrainedModel}: verifies the sha256 and the artifact format version; the
     * returned model checks scoring input against the stored input signature.
     *
     * @param uri a model URI
     * @return a working model
     * @throws ArtifactIntegrityException when the blob does not match its digest
     */
    TrainedModel load(ModelUri uri);

    /** @param uri a model URI @return the verified artifact bytes as a stream */
    InputStream openArtifact(ModelUri uri);

    /**
     * @param group  group name
     * @param status approval status
     * @return the highest version with that status (REG-R8)
     */
    Optional<ModelVersion> latestVersion(String group, ApprovalStatus status);

    /** @param query filters, sort, paging @return one page */
    Page<ModelVersion> searchVersions(VersionQuery query);

    // ---- mutations (REG-R6, R8–R11) ----

    /**
     * @param uri      version
     * @param status   new status (REG-R8); the same status is a no-op
     * @param comment  approval description ≤ 1024, may be null
     * @param expectedRevision expected revision or {@link #ANY_REVISION}
     * @return the version after the change
     * @throws IllegalStateException when returning to PENDING_MANUAL_APPROVAL
     */
    ModelVersion updateApproval(ModelUri uri, ApprovalStatus status, String comment, long expectedRevision);

    /** Same as {@link #updateApproval(ModelUri, ApprovalStatus, String, long)} without a revision check. */
    default ModelVersion updateApproval(ModelUri uri, ApprovalStatus status, String comment) {
        return updateApproval(uri, status, comment, ANY_REVISION);
    }

    /**
     * @param uri       version
     * @param lifecycle new lifecycle
     * @param comment   comment for the audit entry, may be null
     * @param expectedRevision expected revision or {@link #ANY_REVISION}
     * @return the version after the change
     * @throws LifecycleTransitionDeniedException when the policy denies it
     */
    ModelVersion updateLifecycle(ModelUri uri, Lifecycle lifecycle, String comment, long expectedRevision);

    /** Same as {@link #updateLifecycle(ModelUri, Lifecycle, String, long)} without a revision check. */
    default ModelVersion updateLifecycle(ModelUri uri, Lifecycle lifecycle, String comment) {
        return updateLifecycle(uri, lifecycle, comment, ANY_REVISION);
    }

    /**
     * @param uri         version
     * @param description ≤ 1024 chars
     * @param expectedRevision expected revision or {@link #ANY_REVISION}
     * @return the version after the change
     */
    ModelVersion updateDescription(ModelUri uri, String description, long expectedRevision);

    /**
     * Replaces the customer metadata (REG-R4, R6).
     *
     * @param uri      version
     * @param metadata new metadata
     * @param expectedRevision expected revision or {@link #ANY_REVISION}
     * @return the version after the change
     */
    ModelVersion updateMetadata(ModelUri uri, Map<String, String> metadata, long expectedRevision);

    /**
     * Creates or moves an alias (REG-R11).
     *
     * @param group   group
     * @param alias   alias name (REG-R4)
     * @param version target version
     * @param expectedRevision revision the target version must be at, or {@link #ANY_REVISION}
     * @return the target version after the change
     */
    ModelVersion setAlias(String group, String alias, int version, long expectedRevision);

    /** Same as {@link #setAlias(String, String, int, long)} without a revision check. */
    default ModelVersion setAlias(String group, String alias, int version) {
        return setAlias(group, alias, version, ANY_REVISION);
    }

    /**
     * Deletes an alias (REG-R11).
     *
     * @param group group
     * @param alias alias
     * @param expectedRevision revision the version the alias points at must be at, or {@link #ANY_REVISION}
     * @throws ModelNotFoundException when absent
     */
    void deleteAlias(String group, String alias, long expectedRevision);

    /** Same as {@link #deleteAlias(String, String, long)} without a revision check. */
    default void deleteAlias(String group, String alias) {
        deleteAlias(group, alias, ANY_REVISION);
    }

    /** @param group group @param alias alias @return the version it points at */
    default ModelVersion resolve(String group, String alias) {
        return describe(ModelUri.alias(group, alias));
    }

    /** @param group group @return alias → version, sorted by alias */
    Map<String, Integer> aliases(String group);

    /**
     * Deletes a version's metadata (its number is never reused; the blob goes at {@link #gc()}).
     *
     * @param uri     version
     * @param options {@link DeleteOptions#force()} also deletes aliases pointing at it;
     *                {@link DeleteOptions#withExpectedRevision(long)} checks the version's revision
     * @throws IllegalStateException naming the aliases when some point at it and force is off
     */
    void deleteVersion(ModelUri uri, DeleteOptions options);

    // ---- model cards (REG-R13, R14) ----

    /**
     * Creates the version's card (status DRAFT, revision 1). Group name, version, description, metrics and
     * hyperparameters are filled from the version.
     *
     * @param uri         version
     * @param contentJson user sections following the card schema (unknown properties rejected), or null to copy
     *                    the user sections of the latest earlier version of the group that has a card
     * @param expectedRevision revision the version must be at, or {@link #ANY_REVISION}
     * @return the card
     * @throws IllegalStateException when the version already has a card
     */
    ModelCard createCard(ModelUri uri, String contentJson, long expectedRevision);

    /** Same as {@link #createCard(ModelUri, String, long)} without a revision check. */
    default ModelCard createCard(ModelUri uri, String contentJson) {
        return createCard(uri, contentJson, ANY_REVISION);
    }

    /**
     * Replaces the card's content, creating a new immutable revision.
     *
     * @param uri         version
     * @param contentJson user sections following the card schema
     * @param expectedRevision revision the version (not the card) must be at, or {@link #ANY_REVISION}
     * @return the new revision
     * @throws IllegalStateException when the card is ARCHIVED
     */
    ModelCard updateCard(ModelUri uri, String contentJson, long expectedRevision);

    /** Same as {@link #updateCard(ModelUri, String, long)} without a revision check. */
    default ModelCard updateCard(ModelUri uri, String contentJson) {
        return updateCard(uri, contentJson, ANY_REVISION);
    }

    /**
     * Changes the card status (REG-R14); no new revision.
     *
     * @param uri     version
     * @param status  new status
     * @param comment audit comment, may be null
     * @param expectedRevision revision the version (not the card) must be at, or {@link #ANY_REVISION}
     * @return the card
     */
    ModelCard updateCardStatus(ModelUri uri, CardStatus status, String comment, long expectedRevision);

    /** Same as {@link #updateCardStatus(ModelUri, CardStatus, String, long)} without a revision check. */
    default ModelCard updateCardStatus(ModelUri uri, CardStatus status, String comment) {
        return updateCardStatus(uri, status, comment, ANY_REVISION);
    }

    /** @param uri version @return the latest revision of its card, if any */
    Optional<ModelCard> card(ModelUri uri);

    /** @param uri version @param revision revision number @return that revision */
    ModelCard cardRevision(ModelUri uri, int revision);

    // ---- audit, events, maintenance ----

    /** @return the audit log */
    AuditLog auditLog();

    /** @param listener receives events after commit */
    void addListener(RegistryListener listener);

    /** @param listener a listener added before */
    void removeListener(RegistryListener listener);

    /** @return a full check: every version's blob exists and matches its sha256, counters are consistent */
    VerifyReport verify();

    /**
     * Removes blobs no version references (REG-R20): those of deleted versions and orphans of crashed registrations.
     * In the embedded store only files older than 10 minutes are removed, so that a registration in progress in
     * another process (blob written, metadata not yet committed) keeps its blob.
     *
     * @return number of blobs removed
     */
    int gc();

    /** Releases the store (connections, locks). */
    @Override
    void close();
}
