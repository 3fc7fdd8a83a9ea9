package io.automl4j.core.internal.data;

import io.automl4j.api.data.Column;

/** Number parsing shared by type inference, targets, weights and scoring (AUTOML-R14). */
public final class Parsing {
    private Parsing() {
    }

    /**
     * @param s a trimmed cell
     * @return true for the texts that mean "not a finite number" and count as missing: NaN, inf, Infinity
     */
    public static boolean isNonFiniteWord(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        return t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity");
    }

    /**
     * @param s a cell (not null)
     * @return the number, or NaN if it does not parse ({@code Double.parseDouble} grammar, no locale)
     */
    public static double parse(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return Double.NaN;
        }
        char last = t.charAt(t.length() - 1);
        // Double.parseDouble accepts Java suffixes (1d, 2f) and hex floats; data files mean text by those
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F' || t.startsWith("0x") || t.startsWith("0X")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * @param c   a column
     * @param row a row
     * @return the cell as a number: stored numbers as they are, text parsed; NaN if missing or unparsable
     */
    public static double number(Column c, int row) {
        if (c.isNumericStorage()) {
            return c.number(row);
        }
        String s = c.text(row);
        return s == null ? Double.NaN : parse(s);
    }
}
