package io.automl4j.registry;

import org.junit.jupiter.api.Assumptions;

/** The contract suite on the in-memory store (REG-R1). */
class InMemoryRegistryTest extends RegistryContract {
    @Override
    ModelRegistry open(RegistryOptions options) {
        return ModelRegistries.inMemory(options);
    }

    @Override
    void corrupt(String sha256) {
        Assumptions.assumeTrue(false, "the in-memory store's blobs cannot be reached from outside; "
                + "integrity is covered by the embedded and PostgreSQL suites");
    }
}
