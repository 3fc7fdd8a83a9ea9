package io.automl4j.core.internal.search;

import io.automl4j.api.data.Column;
import io.automl4j.api.data.Dataset;

import java.nio.charset.StandardCharsets;

/**
 * Byte length of the canonical CSV rendering of an in-memory table (AUTOML-R11): header and rows, {@code ,}
 * separators, {@code \n} line ends, numbers via {@code Double.toString}, RFC 4180 quoting; computed without
 * materialising the text.
 */
final class CanonicalSize {
    private CanonicalSize() {
    }

    static long of(Dataset d) {
        long total = 0;
        int cols = d.columnCount();
        for (int c = 0; c < cols; c++) {
            total += field(d.columnNames().get(c)) + (c < cols - 1 ? 1 : 1);
        }
        for (int c = 0; c < cols; c++) {
            Column col = d.column(c);
            for (int r = 0; r < d.rowCount(); r++) {
                if (col.isNumericStorage()) {
                    double v = col.number(r);
                    total += Double.isNaN(v) ? 0 : Double.toString(v).length();
                } else {
                    String s = col.text(r);
                    total += s == null ? 0 : field(s);
                }
            }
            total += d.rowCount(); // a separator after each field, or the line end after the last
        }
        return total;
    }

    private static long field(String s) {
        long len = s.getBytes(StandardCharsets.UTF_8).length;
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                len++;
                quote = true;
            } else if (ch == ',' || ch == '\n' || ch == '\r') {
                quote = true;
            }
        }
        return quote ? len + 2 : len;
    }
}
