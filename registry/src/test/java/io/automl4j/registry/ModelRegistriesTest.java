package io.automl4j.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening registries: bad JDBC URLs are refused without echoing credentials. */
class ModelRegistriesTest {
    @Test
    void postgres_wrongUrl_isRefused_passwordNotEchoed() {
        assertThatThrownBy(() -> ModelRegistries.postgres("jdbc:mysql://db/reg?user=u&password=s3cret&ssl=true",
                "u", "p", RegistryOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with jdbc:postgresql:")
                .hasMessageContaining("password=***&ssl=true")
                .hasMessageNotContaining("s3cret");
    }
}
