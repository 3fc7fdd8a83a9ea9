package io.automl4j.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.automl4j.api.provenance.CandidateProvenance;
import io.automl4j.api.provenance.Provenance;
import io.automl4j.registry.RegistryException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON (de)serialisation of stored fields through Jackson; never Java serialization. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private Json() {
    }

    static String write(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new RegistryException("Cannot write JSON for " + o.getClass().getSimpleName(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new RegistryException("Corrupt stored JSON for " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> stringMap(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<TreeMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new RegistryException("Corrupt stored JSON map: " + e.getMessage(), e);
        }
    }

    static Map<String, Double> doubleMap(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<TreeMap<String, Double>>() { });
        } catch (JsonProcessingException e) {
            throw new RegistryException("Corrupt stored JSON map: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> object(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @return the provenance as a JSON object (times as ISO-8601 text) */
    static String provenance(Provenance p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobName", p.jobName());
        m.put("spec", new TreeMap<>(p.spec()));
        m.put("resolved", new TreeMap<>(p.resolved()));
        m.put("seed", p.seed());
        m.put("dataFingerprint", p.dataFingerprint());
        List<Map<String, Object>> cands = p.candidates().stream().map(Json::candidate).toList();
        m.put("candidates", cands);
        Map<String, Object> rt = new LinkedHashMap<>();
        rt.put("libraryVersion", p.runtime().libraryVersion());
        rt.put("javaVersion", p.runtime().javaVersion());
        rt.put("javaVendor", p.runtime().javaVendor());
        rt.put("osName", p.runtime().osName());
        rt.put("osArch", p.runtime().osArch());
        m.put("runtime", rt);
        m.put("startTime", p.startTime().toString());
        m.put("endTime", p.endTime().toString());
        m.put("reproducible", p.reproducible());
        m.put("reproducibleReason", p.reproducibleReason());
        return write(m);
    }

    private static Map<String, Object> candidate(CandidateProvenance c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("algorithm", c.algorithm().name());
        m.put("hyperparameters", c.hyperparameters());
        m.put("folds", c.folds());
        m.put("seed", c.seed());
        m.put("preprocessing", c.preprocessing());
        return m;
    }
}
