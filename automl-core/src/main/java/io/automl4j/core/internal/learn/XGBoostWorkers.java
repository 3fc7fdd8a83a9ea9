package io.automl4j.core.internal.learn;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Long-lived daemon threads that own fitted XGBoost boosters: each booster is created, used and freed on one
 * worker.
 *
 * <p>Why: XGBoost's C API keeps every returned buffer (predictions, exported model bytes) in a thread-local map
 * keyed by booster, and freeing a booster erases only the freeing thread's entry. A booster used for predictions
 * on several threads, or freed by a finalizer or cleaner thread, therefore leaks its buffers in every other thread
 * until that thread exits (measured: about 0.1 MB per model and fit when the free happened on another thread,
 * nothing when on the same thread). Pinning each booster to a worker keeps all of its entries on one thread, the
 * one that frees it. Calls on one booster are serialized; different boosters spread over the workers.
 */
final class XGBoostWorkers {

    private static final int COUNT = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final ExecutorService[] WORKERS = new ExecutorService[COUNT];
    private static final AtomicInteger NEXT = new AtomicInteger();

    static {
        for (int i = 0; i < COUNT; i++) {
            String name = "automl4j-xgboost-" + i;
            WORKERS[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
    }

    private XGBoostWorkers() {
    }

    /** @return the worker for a new booster (round robin; which worker never affects results) */
    static int assign() {
        return Math.floorMod(NEXT.getAndIncrement(), COUNT);
    }

    /**
     * Runs {@code task} on worker {@code worker} and waits for it, even if the calling thread is interrupted
     * (the interrupt flag is restored afterwards): a native call cannot be abandoned half-way.
     *
     * @return the task's result
     * @throws E the task's checked exception type, rethrown as is (RuntimeExceptions and Errors too)
     */
    static <T, E extends Exception> T call(int worker, NativeCall<T, E> task) throws E {
        Future<T> future = WORKERS[worker].submit((Callable<T>) task::call);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    @SuppressWarnings("unchecked")
                    E checked = (E) cause;
                    throw checked;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Queues {@code task} on worker {@code worker} without waiting (used by the cleaner to free boosters). */
    static void execute(int worker, Runnable task) {
        WORKERS[worker].execute(task);
    }

    /** A native call that may throw {@code E}. */
    @FunctionalInterface
    interface NativeCall<T, E extends Exception> {
        T call() throws E;
    }
}
