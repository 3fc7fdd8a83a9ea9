package io.automl4j.core.internal.learn;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.ToIntFunction;

/**
 * Native LightGBM allocations of one operation, freed in reverse order on {@link #close()}, plus the C-API helpers
 * every LightGBM caller needs (return-code check, model text). Shared by the tabular GBDT learner and the forecasting
 * module's global model, which both drive lightgbmlib's SWIG API directly.
 */
public class LightGbmArena implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LightGbmArena.class);

    private final Deque<Runnable> frees = new ArrayDeque<>();

    /** @param free run when the arena closes, before everything registered earlier */
    public void onClose(Runnable free) {
        frees.push(free);
    }

    /** @param n length @return a native double array of at least one element */
    public SWIGTYPE_p_double doubles(long n) {
        SWIGTYPE_p_double p = lightgbmlib.new_doubleArray(Math.max(1, n));
        onClose(() -> lightgbmlib.delete_doubleArray(p));
        return p;
    }

    /** @param values values @return a native copy */
    public SWIGTYPE_p_double doubles(double[] values) {
        SWIGTYPE_p_double p = doubles(values.length);
        for (int i = 0; i < values.length; i++) {
            lightgbmlib.doubleArray_setitem(p, i, values[i]);
        }
        return p;
    }

    /** @param values values @return a native float copy */
    public SWIGTYPE_p_float floats(double[] values) {
        SWIGTYPE_p_float p = lightgbmlib.new_floatArray(Math.max(1, values.length));
        onClose(() -> lightgbmlib.delete_floatArray(p));
        for (int i = 0; i < values.length; i++) {
            lightgbmlib.floatArray_setitem(p, i, (float) values[i]);
        }
        return p;
    }

    /** @return a native int out-parameter */
    public SWIGTYPE_p_int intp() {
        SWIGTYPE_p_int p = lightgbmlib.new_intp();
        onClose(() -> lightgbmlib.delete_intp(p));
        return p;
    }

    /** @return a native int64 out-parameter */
    public SWIGTYPE_p_long_long int64p() {
        SWIGTYPE_p_long_long p = lightgbmlib.new_int64_tp();
        onClose(() -> lightgbmlib.delete_int64_tp(p));
        return p;
    }

    /**
     * @param call a C-API call writing a handle into its out-parameter
     * @param name the call's name, for the error
     * @return the handle (not registered for freeing: the caller decides)
     */
    public static SWIGTYPE_p_void create(ToIntFunction<SWIGTYPE_p_p_void> call, String name) {
        SWIGTYPE_p_p_void out = lightgbmlib.new_voidpp();
        try {
            check(call.applyAsInt(out), name);
            return lightgbmlib.voidpp_value(out);
        } finally {
            lightgbmlib.delete_voidpp(out);
        }
    }

    /**
     * @param rc   a C-API return code
     * @param call the call's name
     * @throws IllegalStateException with LightGBM's last error when rc is not 0
     */
    public static void check(int rc, String call) {
        if (rc != 0) {
            throw new IllegalStateException("LightGBM " + call + " failed: " + lightgbmlib.LGBM_GetLastError());
        }
    }

    /**
     * The model text of a booster, through a temporary file: LGBM_BoosterSaveModelToStringSWIG leaks its native buffer
     * on every call.
     *
     * @param booster      the booster
     * @param numIteration iterations to keep, or -1 for all
     * @return LightGBM's model text
     */
    public static String saveModel(SWIGTYPE_p_void booster, int numIteration) {
        Path file = null;
        try {
            file = Files.createTempFile("automl4j-lightgbm-", ".txt");
            check(lightgbmlib.LGBM_BoosterSaveModel(booster, 0, numIteration,
                    lightgbmlibConstants.C_API_FEATURE_IMPORTANCE_SPLIT, file.toAbsolutePath().toString()),
                    "LGBM_BoosterSaveModel");
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a LightGBM model to a temporary file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}", file, e);
                }
            }
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!frees.isEmpty()) {
            try {
                frees.pop().run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
