package io.automl4j.registry;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A child process for the multi-process and crash tests: {@code RegistryWorker <dir> <group> <count> <seed>}
 * registers {@code count} versions (count ≤ 0: forever) of random 256 KiB artifacts into the embedded registry,
 * printing each version number.
 */
public final class RegistryWorker {
    private RegistryWorker() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        String group = args[1];
        int count = Integer.parseInt(args[2]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[3]));
        try (ModelRegistry registry = ModelRegistries.embedded(dir, RegistryOptions.defaults()
                .withActor(() -> "worker-" + ProcessHandle.current().pid()))) {
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; count <= 0 || i < count; i++) {
                byte[] bytes = new byte[256 * 1024];
                random.nextBytes(bytes);
                ModelVersion v = registry.register(group, new ByteArrayInputStream(bytes), TestModels.spec(0.5));
                System.out.println(v.version());
                System.out.flush();
            }
        }
    }
}
