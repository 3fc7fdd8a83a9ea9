package io.automl4j.core.internal.plan;

import io.automl4j.api.Algorithm;
import io.automl4j.core.internal.learn.Learner;
import io.automl4j.core.internal.learn.Learners;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ENSEMBLING portfolio (AUTOML-R25) and its spare-time configurations are valid learner settings. */
class PortfolioTest {
    @Test
    void everyEntry_isAcceptedByItsLearner_andResolvesToItsOverrides() {
        List<Portfolio.Entry> all = new ArrayList<>(Portfolio.ENTRIES);
        all.addAll(Portfolio.SPARE_TIME);
        all.addAll(Portfolio.LATE_SPARE_TIME);
        Set<String> presets = new HashSet<>();
        Set<Map<String, String>> settings = new HashSet<>();
        for (Portfolio.Entry e : all) {
            assertThat(presets.add(e.preset())).as("preset names are unique: %s", e.preset()).isTrue();
            Learner l = Learners.INSTANCE.create(e.algorithm(), e.overrides());
            assertThat(l.algorithm()).isEqualTo(e.algorithm());
            Map<String, String> resolved = l.hyperparameters();
            e.overrides().forEach((k, v) -> assertThat(resolved).as(e.preset()).containsKey(k));
            assertThat(settings.add(resolved)).as("%s repeats another entry's settings", e.preset()).isTrue();
        }
    }

    @Test
    void spareTime_followsThePlan_andKeepsOnlyAllowedAlgorithms() {
        List<Step> all = Portfolio.spareTime(EnumSet.allOf(Algorithm.class), 10);
        assertThat(all).hasSize(Portfolio.SPARE_TIME.size());
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).index()).isEqualTo(10 + i);
        }
        List<Step> late = Portfolio.lateSpareTime(EnumSet.allOf(Algorithm.class), 10 + all.size());
        assertThat(late).hasSize(Portfolio.LATE_SPARE_TIME.size());
        assertThat(late.get(0).index()).isEqualTo(10 + all.size());
        List<Step> mlp = Portfolio.spareTime(EnumSet.of(Algorithm.MLP), 1);
        assertThat(mlp).isNotEmpty().allMatch(s -> s.algorithm() == Algorithm.MLP);
        assertThat(mlp.get(0).index()).isEqualTo(1);
        assertThat(mlp).hasSize((int) Portfolio.SPARE_TIME.stream().filter(e -> e.algorithm() == Algorithm.MLP)
                .count());
    }
}
