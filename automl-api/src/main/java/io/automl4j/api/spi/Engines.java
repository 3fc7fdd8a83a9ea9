package io.automl4j.api.spi;

import java.util.Iterator;
import java.util.ServiceLoader;

/** Finds the {@link AutoMLEngine} on the classpath. For implementers, not end users. */
public final class Engines {
    private static volatile AutoMLEngine engine;

    private Engines() {
    }

    /**
     * @return the first engine registered in {@code META-INF/services/io.automl4j.api.spi.AutoMLEngine}
     * @throws IllegalStateException naming the missing artifact when none is on the classpath
     */
    public static AutoMLEngine engine() {
        AutoMLEngine e = engine;
        if (e == null) {
            synchronized (Engines.class) {
                e = engine;
                if (e == null) {
                    Iterator<AutoMLEngine> it = ServiceLoader.load(AutoMLEngine.class, Engines.class.getClassLoader())
                            .iterator();
                    if (!it.hasNext()) {
                        throw new IllegalStateException("no automl4j engine found on the classpath: add the "
                                + "dependency io.automl4j:automl-core (it registers io.automl4j.api.spi.AutoMLEngine)");
                    }
                    e = it.next();
                    engine = e;
                }
            }
        }
        return e;
    }
}
