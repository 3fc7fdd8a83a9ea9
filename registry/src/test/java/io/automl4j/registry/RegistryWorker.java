package io.automl4j.registry;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A child process for the multi-process and crash tests:
 * {@code RegistryWorker <dir> <group> <count> <seed> [threads]} registers {@code count} versions per thread
 * (count ≤ 0: forever) of random 256 KiB artifacts into the embedded registry from {@code threads} threads
 * (default 1) sharing one registry, printing each version number.
 */
public final class RegistryWorker {
    private RegistryWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = args[0].startsWith("jdbc:") ? null : Path.of(args[0]);
        String group = args[1];
        int count = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        RegistryOptions options = RegistryOptions.defaults()
                .withActor(() -> "worker-" + ProcessHandle.current().pid());
        // A "jdbc:" first argument means PostgreSQL (user/password from the test settings), else an embedded dir.
        try (ModelRegistry registry = args[0].startsWith("jdbc:")
                ? ModelRegistries.postgres(args[0], PostgresRegistryTest.USER, PostgresRegistryTest.PASSWORD, options)
                : ModelRegistries.embedded(dir, options)) {
            System.out.println("ready");
            System.out.flush();
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                SplittableRandom random = new SplittableRandom(seed * 1000 + t);
                workers[t] = new Thread(() -> {
                    for (int i = 0; count <= 0 || i < count; i++) {
                        byte[] bytes = new byte[256 * 1024];
                        random.nextBytes(bytes);
                        ModelVersion v = registry.register(group, new ByteArrayInputStream(bytes),
                                TestModels.spec(0.5));
                        synchronized (System.out) {
                            System.out.println(v.version());
                            System.out.flush();
                        }
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                w.join();
            }
        }
    }
}
