package io.automl4j.core.internal.model;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.DataFormatException;
import io.automl4j.api.data.ColumnType;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.model.Predictions;
import io.automl4j.api.model.Signature;
import io.automl4j.api.model.TrainedModel;
import io.automl4j.core.fake.FakeCatalog;
import io.automl4j.core.internal.search.Search;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Scoring input handling (AUTOML-R18) of a trained bagged model. */
class BaggedModelTest {
    private static final int N = 100;
    private static TrainedModel model;

    private static String[] size() {
        String[] v = new String[N];
        for (int i = 0; i < N; i++) {
            v[i] = Integer.toString((i % 2) * 5 + i % 7);
        }
        return v;
    }

    /** red/green/blue, plus "beige" on two rows: a rare level. */
    private static String[] color() {
        String[] v = new String[N];
        for (int i = 0; i < N; i++) {
            v[i] = new String[] {"red", "green", "blue"}[i % 3];
        }
        v[3] = "beige";
        v[50] = "beige";
        return v;
    }

    private static String[] when() {
        String[] v = new String[N];
        for (int i = 0; i < N; i++) {
            v[i] = LocalDate.of(2020, 1, 1).plusDays(i * 3L).toString();
        }
        return v;
    }

    private static String[] label() {
        String[] v = new String[N];
        for (int i = 0; i < N; i++) {
            v[i] = i % 2 == 0 ? "no" : "yes";
        }
        return v;
    }

    private static Dataset scoring(String[] size, String[] color, String[] when) {
        return Dataset.builder().text("size", size).text("color", color).text("when", when).build();
    }

    @BeforeAll
    static void train() {
        Dataset data = Dataset.builder().text("size", size()).text("color", color()).text("when", when())
                .text("label", label()).build();
        // a DENSE learner: standardised inputs keep the fake centroid's probabilities away from the 1/k floor
        AutoMLJob job = AutoMLJob.builder().target("label").algorithms(Algorithm.LINEAR).maxCandidates(1).build();
        model = new Search(FakeCatalog.allCentroid()).run(job, data).bestModel();
    }

    private static void assertSameProbabilities(Predictions a, int rowA, Predictions b, int rowB) {
        assertThat(a.probabilities(rowA)).containsExactly(b.probabilities(rowB), within(0.0));
    }

    @Test
    void signature_listsTrainingInputsWithTypes() {
        assertThat(model.signature().inputs()).containsExactly(new Signature.Input("size", ColumnType.NUMERIC),
                new Signature.Input("color", ColumnType.CATEGORICAL), new Signature.Input("when", ColumnType.DATETIME));
        assertThat(model.signature().labels()).containsExactly("no", "yes");
    }

    @Test
    void predict_missingFeatureColumn_throwsNamingIt() {
        Dataset d = Dataset.builder().text("size", size()).text("when", when()).build();
        assertThatThrownBy(() -> model.predict(d))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("feature column 'color' is missing from the data to score; the model needs "
                        + "[size, color, when]");
    }

    @Test
    void predict_extraColumnsAnyOrderAndNoTarget_areIgnored() {
        Predictions plain = model.predict(scoring(size(), color(), when()));
        Dataset extra = Dataset.builder().text("when", when()).text("comment", label()).text("color", color())
                .text("size", size()).build();
        Dataset withTarget = Dataset.builder().text("label", label()).text("size", size()).text("color", color())
                .text("when", when()).build();
        Predictions a = model.predict(extra);
        Predictions b = model.predict(withTarget);
        assertThat(plain.size()).isEqualTo(N);
        for (int i = 0; i < N; i++) {
            assertSameProbabilities(a, i, plain, i);
            assertSameProbabilities(b, i, plain, i);
        }
        assertThat(plain.warnings()).isEmpty();
        // the model is not constant
        assertThat(plain.probabilities(0)).isNotEqualTo(plain.probabilities(1));
    }

    @Test
    void predict_unseenCategory_isScoredLikeARareLevel() {
        String[] color = color();
        color[0] = "purple";
        color[1] = "beige"; // rare in training
        String[] size = size();
        size[1] = size[0];
        String[] when = when();
        when[1] = when[0];
        Predictions p = model.predict(scoring(size, color, when));
        assertThat(java.util.Arrays.stream(p.probabilities(0)).sum()).isCloseTo(1.0, within(1e-9));
        assertSameProbabilities(p, 0, p, 1);
        assertThat(p.warnings()).isEmpty();
        // the level matters: row 0 as trained ("red") scores differently
        assertThat(p.probabilities(0)).isNotEqualTo(model.predict(scoring(size(), color(), when())).probabilities(0));
    }

    @Test
    void predict_textInNumericColumn_isMissingAndCounted() {
        String[] size = size();
        size[4] = "big";
        size[9] = "n/a";
        String[] missing = size();
        missing[4] = null;
        missing[9] = null;
        Predictions p = model.predict(scoring(size, color(), when()));
        Predictions q = model.predict(scoring(missing, color(), when()));
        assertThat(p.warnings()).containsExactly(Map.entry("column 'size': non-numeric values treated as missing", 2L));
        assertThat(q.warnings()).isEmpty();
        assertSameProbabilities(p, 4, q, 4);
        assertSameProbabilities(p, 9, q, 9);
        assertThat(p.probabilities(4)).isNotEqualTo(model.predict(scoring(size(), color(), when())).probabilities(4));
    }

    @Test
    void predict_dateInOtherFormat_isMissingAndCounted() {
        String[] when = when();
        when[2] = "01/07/2020";
        Predictions p = model.predict(scoring(size(), color(), when));
        assertThat(p.warnings()).containsExactly(
                Map.entry("column 'when': values not in format yyyy-MM-dd treated as missing", 1L));
    }

    @Test
    void predict_storedNumbers_scoreLikeTheirText() {
        double[] size = new double[N];
        for (int i = 0; i < N; i++) {
            size[i] = Double.parseDouble(size()[i]);
        }
        Dataset numeric = Dataset.builder().numeric("size", size).text("color", color()).text("when", when()).build();
        Predictions a = model.predict(numeric);
        Predictions b = model.predict(scoring(size(), color(), when()));
        for (int i = 0; i < N; i++) {
            assertSameProbabilities(a, i, b, i);
        }
    }
}
