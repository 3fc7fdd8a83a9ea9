package io.automl4j.forecast.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON writing of the FCST-R19 reports with jackson: maps and lists as given, non-finite numbers as null. */
public final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /**
     * @param tree maps, lists, strings, numbers and booleans
     * @return pretty-printed JSON
     */
    public static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(clean(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write report JSON: " + e.getMessage(), e);
        }
    }

    private static Object clean(Object o) {
        if (o instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), clean(v)));
            return out;
        }
        if (o instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(clean(v)));
            return out;
        }
        return o;
    }
}
