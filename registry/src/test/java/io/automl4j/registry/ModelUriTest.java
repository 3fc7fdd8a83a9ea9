package io.automl4j.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** URI forms (REG-R12). */
class ModelUriTest {
    @Test
    void parse_REG_R12_acceptedForms() {
        ModelUri v = ModelUri.parse("models:/churn/3");
        assertThat(v.kind()).isEqualTo(ModelUri.Kind.VERSION);
        assertThat(v.group()).isEqualTo("churn");
        assertThat(v.version()).isEqualTo(3);
        ModelUri a = ModelUri.parse("models:/churn@champion");
        assertThat(a.kind()).isEqualTo(ModelUri.Kind.ALIAS);
        assertThat(a.alias()).isEqualTo("champion");
        assertThat(ModelUri.parse("models:/churn/latest").kind()).isEqualTo(ModelUri.Kind.LATEST);
        for (String s : new String[]{"models:/churn/3", "models:/churn@champion", "models:/churn/latest"}) {
            assertThat(ModelUri.parse(s).toString()).isEqualTo(s);
        }
        assertThat(ModelUri.parse("models:/a/1")).isEqualTo(ModelUri.of("a", 1));
    }

    @Test
    void parse_REG_R12_rejectsEverythingElseShowingForms() {
        for (String bad : new String[]{"", "models:/", "models:/churn", "models:/churn/0", "models:/churn/-1",
                "models:/churn/03", "models:/churn/1/2", "model:/churn/1", "models:/churn@Champ",
                "models:/churn@latest", "models:/bad_name/1", "models:/churn/99999999999", "models:/churn@v1"}) {
            assertThatThrownBy(() -> ModelUri.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("models:/<group>/<version>, models:/<group>@<alias> or "
                            + "models:/<group>/latest");
        }
    }
}
