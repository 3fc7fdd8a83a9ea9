package io.automl4j.cli;

import io.automl4j.api.AutoMLResult;
import io.automl4j.registry.ApprovalStatus;
import io.automl4j.registry.AuditEntry;
import io.automl4j.registry.AuditQuery;
import io.automl4j.registry.GroupQuery;
import io.automl4j.registry.Lifecycle;
import io.automl4j.registry.LifecyclePolicy;
import io.automl4j.registry.ModelGroup;
import io.automl4j.registry.ModelRegistries;
import io.automl4j.registry.ModelRegistry;
import io.automl4j.registry.ModelUri;
import io.automl4j.registry.ModelVersion;
import io.automl4j.registry.Page;
import io.automl4j.registry.RegisterOptions;
import io.automl4j.registry.RegistryOptions;
import io.automl4j.registry.VerifyReport;
import io.automl4j.registry.VersionQuery;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code automl4j registry list|describe|approve|reject|stage|alias|history|verify|gc}: the model registry from the
 * command line, on an embedded directory ({@code --registry DIR}) or PostgreSQL ({@code --jdbc URL}).
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Inspect and change a model registry (embedded directory or PostgreSQL).",
        subcommands = {RegistryCommand.ListCmd.class, RegistryCommand.DescribeCmd.class,
                RegistryCommand.ApproveCmd.class, RegistryCommand.RejectCmd.class, RegistryCommand.StageCmd.class,
                RegistryCommand.AliasCmd.class, RegistryCommand.HistoryCmd.class, RegistryCommand.VerifyCmd.class,
                RegistryCommand.GcCmd.class})
final class RegistryCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens the embedded registry at {@code dir} (created if absent) and registers the result's best model. */
    static ModelVersion register(AutoMLResult result, Path dir, String group, PrintWriter out) {
        try (ModelRegistry registry = ModelRegistries.embedded(dir)) {
            ModelVersion v = registry.register(group, result.bestModel(), RegisterOptions.fromResult(result));
            out.printf("registered %s in %s%n", v.uri(), dir);
            out.flush();
            return v;
        }
    }

    /** Where the registry is: exactly one of --registry or --jdbc. */
    static final class Target {
        @Option(names = "--registry", description = "embedded registry directory")
        Path dir;

        @Option(names = "--jdbc", description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://host:5432/db")
        String jdbc;
    }

    /** Shared options of every subcommand. */
    static final class Common {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Option(names = "--user", description = "PostgreSQL user (default: $AUTOML4J_REGISTRY_USER)")
        String user;

        @Option(names = "--password", description = "PostgreSQL password (default: $AUTOML4J_REGISTRY_PASSWORD)")
        String password;

        @Option(names = "--actor", description = "who makes the change (default: user.name)")
        String actor;

        @Option(names = "--strict-lifecycle", description = "use the template lifecycle policy (REG-R10)")
        boolean strict;

        @Option(names = "--verbose", description = "show stack traces")
        boolean verbose;

        ModelRegistry open() {
            RegistryOptions o = RegistryOptions.defaults();
            if (actor != null) {
                String a = actor;
                o = o.withActor(() -> a);
            }
            if (strict) {
                o = o.withPolicy(LifecyclePolicy.templates());
            }
            if (target.dir != null) {
                // These commands only read or change an existing registry: opening a mistyped path must not create
                // an empty one (where, e.g., verify would report "ok: 0 groups").
                if (!Files.isRegularFile(target.dir.resolve("registry.db"))) {
                    throw new IllegalArgumentException("No model registry at " + target.dir
                            + " (no registry.db); registries are created by 'automl4j train ... --registry DIR "
                            + "--group NAME' or 'automl4j quickstart'");
                }
                return ModelRegistries.embedded(target.dir, o);
            }
            String u = user != null ? user : System.getenv("AUTOML4J_REGISTRY_USER");
            String p = password != null ? password : System.getenv("AUTOML4J_REGISTRY_PASSWORD");
            return ModelRegistries.postgres(target.jdbc, u, p, o);
        }
    }

    /** Base of the subcommands. */
    abstract static class Sub implements Callable<Integer> {
        @Mixin
        Common common;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public Integer call() {
            try (ModelRegistry r = common.open()) {
                int code = run(r, out());
                out().flush();
                return code;
            }
        }

        abstract int run(ModelRegistry r, PrintWriter out);
    }

    static String line(ModelVersion v) {
        String lc = v.lifecycle() == null ? "-" : v.lifecycle().stage() + "/" + v.lifecycle().status();
        String obj = v.objectiveMetric() == null || !v.metrics().containsKey(v.objectiveMetric()) ? "-"
                : String.format(Locale.ROOT, "%s=%.6f", v.objectiveMetric(), v.metrics().get(v.objectiveMetric()));
        return String.format(Locale.ROOT, "%-7d %-24s %-24s %-20s %-24s %s", v.version(), v.approvalStatus(), lc,
                v.aliases().isEmpty() ? "-" : String.join(",", v.aliases()), v.createdAt(), obj);
    }

    @Command(name = "list", description = "List groups, or the versions of one group.")
    static final class ListCmd extends Sub {
        @Parameters(arity = "0..1", paramLabel = "GROUP", description = "group whose versions to list")
        String group;

        @Option(names = "--status", description = "only versions with this approval status")
        ApprovalStatus status;

        @Override
        int run(ModelRegistry r, PrintWriter out) {
            if (group == null) {
                out.printf("%-40s %8s %7s%n", "group", "versions", "latest");
                GroupQuery q = new GroupQuery(null, null, null, null, 1000, null);
                Page<ModelGroup> p = r.searchGroups(q);
                while (true) {
                    for (ModelGroup g : p.items()) {
                        out.printf("%-40s %8d %7d%n", g.name(), g.versionCount(), g.latestVersion());
                    }
                    if (p.nextPageToken() == null) {
                        return 0;
                    }
                    p = r.searchGroups(q.withPageToken(p.nextPageToken()));
                }
            }
            r.group(group);
            out.printf("%-7s %-24s %-24s %-20s %-24s %s%n", "version", "approval", "stage/status", "aliases",
                    "created", "objective");
            VersionQuery q = VersionQuery.builder().groups(group).approvalStatus(status).pageSize(1000).build();
            Page<ModelVersion> p = r.searchVersions(q);
            while (true) {
                p.items().forEach(v -> out.println(line(v)));
                if (p.nextPageToken() == null) {
                    return 0;
                }
                p = r.searchVersions(q.withPageToken(p.nextPageToken()));
            }
        }
    }

    @Command(name = "describe", description = "Show one version, e.g. models:/churn/3 or models:/churn@champion.")
    static final class DescribeCmd extends Sub {
        @Parameters(paramLabel = "URI")
        String uri;

        @Override
        int run(ModelRegistry r, PrintWriter out) {
            ModelVersion v = r.describe(ModelUri.parse(uri));
            out.println("uri:            " + v.uri());
            out.println("created:        " + v.createdAt() + " by " + v.createdBy());
            out.println("artifact:       sha256 " + v.artifact().sha256() + ", " + v.artifact().size() + " bytes, "
                    + v.artifact().format() + " v" + v.artifact().formatVersion());
            out.println("problem type:   " + v.problemType());
            out.println("approval:       " + v.approvalStatus()
                    + (v.approvalDescription().isEmpty() ? "" : " (" + v.approvalDescription() + ")"));
            out.println("lifecycle:      " + (v.lifecycle() == null ? "-" : v.lifecycle().stage() + "/"
                    + v.lifecycle().status()));
            out.println("aliases:        " + (v.aliases().isEmpty() ? "-" : String.join(", ", v.aliases())));
            out.println("objective:      " + (v.objectiveMetric() == null ? "-" : v.objectiveMetric() + " ("
                    + v.objectiveDirection() + ")"));
            v.metrics().forEach((k, x) -> out.printf(Locale.ROOT, "metric:         %s = %.6f%n", k, x));
            out.println("inputs:         " + v.signature().inputs().stream().map(i -> i.name() + ":" + i.type())
                    .toList());
            out.println("target:         " + v.signature().target() + " " + v.signature().labels());
            out.println("lineage:        job " + v.lineage().jobName() + ", candidate " + v.lineage().candidateName()
                    + ", data " + v.lineage().dataFingerprint());
            out.println("metadata:       " + v.customerMetadata());
            out.println("description:    " + v.description());
            out.println("revision:       " + v.revision() + " (" + v.lastModifiedAt() + " by " + v.lastModifiedBy()
                    + ")");
            return 0;
        }
    }

    @Command(name = "approve", description = "Set a version's approval status to APPROVED.")
    static final class ApproveCmd extends Sub {
        @Parameters(paramLabel = "URI")
        String uri;

        @Option(names = "--comment", description = "approval description")
        String comment;

        @Override
        int run(ModelRegistry r, PrintWriter out) {
            ModelVersion v = r.updateApproval(ModelUri.parse(uri), ApprovalStatus.APPROVED, comment);
            out.println(v.uri() + " " + v.approvalStatus());
            return 0;
        }
    }

    @Command(name = "reject", description = "Set a version's approval status to REJECTED.")
    static final class RejectCmd extends Sub {
        @Parameters(paramLabel = "URI")
        String uri;

        @Option(names = "--comment", description = "approval description")
        String comment;

        @Override
        int run(ModelRegistry r, PrintWriter out) {
            ModelVersion v = r.updateApproval(ModelUri.parse(uri), ApprovalStatus.REJECTED, comment);
            out.println(v.uri() + " " + v.approvalStatus());
            return 0;
        }
    }

    @Command(name = "stage", description = "Set a version's lifecycle stage and status.")
    static final class StageCmd extends Sub {
        @Parameters(paramLabel = "URI")
        String uri;

        @Option(names = "--stage", required = true, description = "e.g. Development, QA, Production")
        String stage;

        @Option(names = "--status", defaultValue = Lifecycle.IN_PROGRESS, description = "default ${DEFAULT-VALUE}")
        String status;

        @Option(names = "--description", description = "stage description")
        String description;

        @Option(names = "--comment", description = "audit comment")
        String comment;

        @Override
        int run(ModelRegistry r, PrintWriter out) {
            ModelVersion v = r.updateLifecycle(ModelUri.parse(uri), new Lifecycle(stage, status, description),
                    comment);
            out.println(v.uri() + " " + v.lifecycle().stage() + "/" + v.lifecycle().status());
            return 0;
        }
    }

    @Command(name = "alias", description = "Point an alias at a version (or delete it with --delete).")
    static final class AliasCmd extends Sub {
        @Parameters(index = "0", paramLabel = "GROUP")
        String group;

        @Parameters(index = "1", paramLabel = "ALIAS")
        String alias;

        @Parameters(index = "2", arity = "0..1", paramLabel = "VERSION")
        Integer version;

        @Option(names = "--delete", description = "delete the alias")
        boolean delete;

        @Override
        int run(ModelRegistry r, PrintWriter out) {
            if (delete) {
                if (version != null) {
                    throw new IllegalArgumentException("--delete takes no VERSION");
                }
                r.deleteAlias(group, alias);
                out.println("deleted alias models:/" + group + "@" + alias);
                return 0;
            }
            if (version == null) {
                throw new IllegalArgumentException("VERSION is required unless --delete is given");
            }
            ModelVersion v = r.setAlias(group, alias, version);
            out.println("models:/" + group + "@" + alias + " -> " + v.uri());
            return 0;
        }
    }

    @Command(name = "history", description = "Show the audit log of a group (or the whole registry).")
    static final class HistoryCmd extends Sub {
        @Parameters(arity = "0..1", paramLabel = "GROUP")
        String group;

        @Option(names = "--version", description = "only this version")
        Integer version;

        @Override
        int run(ModelRegistry r, PrintWriter out) {
            if (version != null && group == null) {
                throw new IllegalArgumentException("--version needs a GROUP");
            }
            AuditQuery q = new AuditQuery(group, version == null ? 0 : version, null, null, null, null, 0, 1000);
            List<AuditEntry> page = r.auditLog().query(q);
            while (!page.isEmpty()) {
                for (AuditEntry e : page) {
                    out.printf("%6d %s %-12s %-19s %s%s %s -> %s%s%n", e.sequence(), e.time(), e.actor(),
                            e.action(), e.group(), e.version() == 0 ? "" : "/" + e.version(), e.from(), e.to(),
                            e.comment().isEmpty() ? "" : "  # " + e.comment());
                }
                page = r.auditLog().query(q.after(page.get(page.size() - 1).sequence()));
            }
            return 0;
        }
    }

    @Command(name = "verify", description = "Check every artifact's sha256 and the version counters.")
    static final class VerifyCmd extends Sub {
        @Override
        int run(ModelRegistry r, PrintWriter out) {
            VerifyReport rep = r.verify();
            rep.problems().forEach(p -> out.println("problem: " + p));
            out.printf("%s: %d groups, %d versions, %d problems%n", rep.ok() ? "ok" : "FAILED", rep.groups(),
                    rep.versions(), rep.problems().size());
            return rep.ok() ? 0 : Main.EXIT_FAILED;
        }
    }

    @Command(name = "gc", description = "Remove artifact blobs no version references (of deleted versions and of "
            + "registrations killed before they committed); blobs younger than 10 minutes are kept.")
    static final class GcCmd extends Sub {
        @Override
        int run(ModelRegistry r, PrintWriter out) {
            out.println("removed " + r.gc() + " unreferenced blob(s)");
            return 0;
        }
    }
}
