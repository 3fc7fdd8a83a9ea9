package io.automl4j.core.internal.data;

import io.automl4j.api.data.Column;
import io.automl4j.api.data.Dataset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data fingerprint of provenance (AUTOML-R57, and forecasting's provenance by reference): SHA-256 over the
 * used columns' names and types, then every cell's text in row order, each string length-prefixed UTF-8 (a missing
 * cell is the length {@code 0xFFFFFFFF} alone). Equal data read from a file or built in memory give equal
 * fingerprints; so a fingerprint names the exact training data.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    /**
     * @param data    the data
     * @param columns the columns that entered training, in a fixed order, each with its type or role
     * @return lower-case hex SHA-256
     */
    public static String of(Dataset data, LinkedHashMap<String, String> columns) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Column> cs = new ArrayList<>();
            for (Map.Entry<String, String> e : columns.entrySet()) {
                update(md, e.getKey());
                update(md, e.getValue());
                cs.add(data.column(e.getKey()));
            }
            for (int r = 0; r < data.rowCount(); r++) {
                for (Column c : cs) {
                    update(md, c.text(r));
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static void update(MessageDigest md, String s) {
        if (s == null) {
            md.update(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int len = b.length;
        md.update(new byte[] {(byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len});
        md.update(b);
    }
}
