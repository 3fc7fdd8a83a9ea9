package io.automl4j.api;

import io.automl4j.api.eval.Metric;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per validation rule of AUTOML-R2, R3 and R9. */
class AutoMLJobTest {
    private static AutoMLJob.Builder base() {
        return AutoMLJob.builder().target("y");
    }

    @Test
    void build_defaults() {
        AutoMLJob job = base().build();
        assertThat(job.mode()).isEqualTo(Mode.AUTO);
        assertThat(job.folds()).isEqualTo(5);
        assertThat(job.seed()).isEqualTo(AutoMLJob.DEFAULT_SEED).isEqualTo(12345L);
        assertThat(job.autoModeThresholdBytes()).isEqualTo(100_000_000L);
        assertThat(job.problemType()).isEmpty();
        assertThat(job.objectiveMetric()).isEmpty();
        assertThat(job.maxCandidates()).isEmpty();
        assertThat(job.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void build_withoutTarget() {
        assertThatThrownBy(() -> AutoMLJob.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("target is required");
    }

    @Test
    void target_blank() {
        assertThatThrownBy(() -> AutoMLJob.builder().target(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("' '");
    }

    @Test
    void target_setTwice() {
        assertThatThrownBy(() -> base().target("z")).isInstanceOf(IllegalStateException.class)
                .hasMessage("target was already set to y");
    }

    @Test
    void name_invalid() {
        assertThatThrownBy(() -> base().name("-bad")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'-bad'");
        assertThatThrownBy(() -> base().name("a".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThat(base().name("ok--name-1").build().name()).contains("ok--name-1");
    }

    @Test
    void objectiveMetric_setTwice() {
        assertThatThrownBy(() -> base().objectiveMetric(Metric.AUC).objectiveMetric(Metric.F1))
                .isInstanceOf(IllegalStateException.class).hasMessage("objectiveMetric was already set to AUC");
    }

    @Test
    void metric_contradictsProblemType() {
        assertThatThrownBy(() -> base().problemType(ProblemType.MULTICLASS_CLASSIFICATION)
                .objectiveMetric(Metric.F1).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("F1 is a binary metric; for MULTICLASS_CLASSIFICATION use F1_MACRO");
        assertThatThrownBy(() -> base().problemType(ProblemType.REGRESSION).objectiveMetric(Metric.ACCURACY).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ACCURACY is a classification");
        assertThatThrownBy(() -> base().problemType(ProblemType.BINARY_CLASSIFICATION).objectiveMetric(Metric.RMSE)
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RMSE is a regression");
    }

    @Test
    void metric_fitsProblemType() {
        assertThat(base().problemType(ProblemType.BINARY_CLASSIFICATION).objectiveMetric(Metric.LOG_LOSS).build()
                .objectiveMetric()).contains(Metric.LOG_LOSS);
        assertThat(base().problemType(ProblemType.REGRESSION).objectiveMetric(Metric.INFERENCE_LATENCY)
                .mode(Mode.ENSEMBLING).build()).isNotNull();
    }

    @Test
    void positiveClass_withRegression() {
        assertThatThrownBy(() -> base().problemType(ProblemType.REGRESSION).positiveClass("a").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BINARY_CLASSIFICATION only");
    }

    @Test
    void positiveClass_empty() {
        assertThatThrownBy(() -> base().positiveClass("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void folds_outOfRange() {
        assertThatThrownBy(() -> base().folds(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid number of folds: 1 (expected 2..10)");
        assertThatThrownBy(() -> base().folds(11)).isInstanceOf(IllegalArgumentException.class);
        assertThat(base().folds(10).build().folds()).isEqualTo(10);
    }

    @Test
    void maxCandidates_outOfRange() {
        assertThatThrownBy(() -> base().maxCandidates(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxCandidates must be in [1, 750] but was 0");
        assertThatThrownBy(() -> base().maxCandidates(751)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maxCandidates_overTenWithEnsembling() {
        assertThatThrownBy(() -> base().mode(Mode.ENSEMBLING).maxCandidates(11).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ENSEMBLING");
    }

    @Test
    void maxJobRuntime_zeroNegativeOrTooLong() {
        assertThatThrownBy(() -> base().maxJobRuntime(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base().maxJobRuntime(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base().maxJobRuntime(Duration.ofDays(31)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30 days");
    }

    @Test
    void maxRuntimePerCandidate_exceedsJob() {
        assertThatThrownBy(() -> base().maxJobRuntime(Duration.ofSeconds(10))
                .maxRuntimePerCandidate(Duration.ofSeconds(11)).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not exceed maxJobRuntime");
        assertThatThrownBy(() -> base().maxRuntimePerCandidate(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void features_emptyDuplicateOrTarget() {
        assertThatThrownBy(() -> base().features(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> base().features("a", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("feature 'a' is listed twice");
        assertThatThrownBy(() -> base().features("a", "y").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("target 'y' must not be a feature");
    }

    @Test
    void weightColumn_isTargetOrFeature() {
        assertThatThrownBy(() -> base().sampleWeightColumn("y").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> base().sampleWeightColumn("w").features("a", "w").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("weight column 'w'");
    }

    @Test
    void algorithms_empty() {
        assertThatThrownBy(() -> base().algorithms(Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void threads_lessThanOne() {
        assertThatThrownBy(() -> base().threads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1 but was 0");
    }

    @Test
    void autoModeThreshold_notPositive() {
        assertThatThrownBy(() -> base().autoModeThresholdBytes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inferenceLatencyWithHpo() {
        assertThatThrownBy(() -> base().mode(Mode.HYPERPARAMETER_TUNING).objectiveMetric(Metric.INFERENCE_LATENCY)
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("ENSEMBLING");
    }

    @Test
    void columnType_setTwice() {
        assertThatThrownBy(() -> base().columnType("a", io.automl4j.api.data.ColumnType.NUMERIC)
                .columnType("a", io.automl4j.api.data.ColumnType.TEXT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void seedAndModeSetTwice() {
        assertThatThrownBy(() -> base().seed(1).seed(2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> base().mode(Mode.AUTO).mode(Mode.ENSEMBLING))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void metricParse_acceptsReportAndEnumNames() {
        assertThat(Metric.parse("LogLoss")).isEqualTo(Metric.LOG_LOSS);
        assertThat(Metric.parse("log_loss")).isEqualTo(Metric.LOG_LOSS);
        assertThat(Metric.parse("auc")).isEqualTo(Metric.AUC);
        assertThatThrownBy(() -> Metric.parse("gini")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gini'");
    }

    @Test
    void metricsPerProblemType_matchSpec() {
        assertThat(Metric.forProblemType(ProblemType.BINARY_CLASSIFICATION)).hasSize(8);
        assertThat(Metric.forProblemType(ProblemType.MULTICLASS_CLASSIFICATION)).hasSize(7);
        assertThat(Metric.forProblemType(ProblemType.REGRESSION)).containsExactly(Metric.INFERENCE_LATENCY,
                Metric.MAE, Metric.MSE, Metric.R2, Metric.RMSE, Metric.MAPE);
        assertThat(Metric.defaultFor(ProblemType.BINARY_CLASSIFICATION)).isEqualTo(Metric.F1);
        assertThat(Metric.defaultFor(ProblemType.MULTICLASS_CLASSIFICATION)).isEqualTo(Metric.ACCURACY);
        assertThat(Metric.defaultFor(ProblemType.REGRESSION)).isEqualTo(Metric.MSE);
    }
}
