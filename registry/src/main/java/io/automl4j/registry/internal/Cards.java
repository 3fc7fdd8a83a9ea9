package io.automl4j.registry.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.automl4j.registry.ModelCard;
import io.automl4j.registry.ModelVersion;
import io.automl4j.registry.RegistryException;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bundled model-card schema (REG-R13) as strict Jackson records: unknown properties are rejected, lengths and
 * counts are checked, and the fields owned by the version are filled automatically.
 */
public final class Cards {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** Risk rating of the intended uses. */
    public enum RiskRating { HIGH, MEDIUM, LOW, UNKNOWN }

    /** Overview. */
    public record ModelOverview(String description, String owner, String creator, String problemType,
                                String algorithmType) {
    }

    /** Intended uses. */
    public record IntendedUses(String purposeOfModel, String intendedUses, String factorsAffectingModelEfficiency,
                               String riskRatingExplanation, RiskRating riskRating) {
    }

    /** Business details. */
    public record BusinessDetails(String businessProblem, String businessStakeholders, String lineOfBusiness) {
    }

    /** Training details. */
    public record TrainingDetails(String objectiveFunction, String trainingObservations,
                                  Map<String, Double> metrics, Map<String, String> hyperparameters) {
    }

    /** One metric of a metric group: a value or a matrix. */
    public record CardMetric(String name, String type, Double value, List<List<Double>> matrix, String notes) {
    }

    /** A named group of metrics. */
    public record MetricGroup(String name, List<CardMetric> metricData) {
    }

    /** One evaluation. */
    public record EvaluationDetail(String name, String evaluationObservation, List<String> datasets,
                                   List<MetricGroup> metricGroups) {
    }

    /** Additional information. */
    public record AdditionalInformation(String ethicalConsiderations, String caveatsAndRecommendations,
                                        Map<String, String> customDetails) {
    }

    /** The user sections of a card. */
    public record Content(ModelOverview modelOverview, IntendedUses intendedUses, BusinessDetails businessDetails,
                          TrainingDetails trainingDetails, List<EvaluationDetail> evaluationDetails,
                          AdditionalInformation additionalInformation) {
    }

    /** A stored card: the version-owned fields plus the user sections. */
    public record Stored(String modelGroup, int modelVersion, String modelDescription, ModelOverview modelOverview,
                         IntendedUses intendedUses, BusinessDetails businessDetails, TrainingDetails trainingDetails,
                         List<EvaluationDetail> evaluationDetails, AdditionalInformation additionalInformation) {
    }

    private Cards() {
    }

    /**
     * @param json user sections as JSON (null or blank = empty card)
     * @return the validated content
     * @throws IllegalArgumentException naming the property and the rule
     */
    static Content parse(String json) {
        if (json == null || json.isBlank()) {
            return new Content(null, null, null, null, null, null);
        }
        Content c;
        try {
            c = MAPPER.readValue(json, Content.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid model card JSON (REG-R13): " + e.getOriginalMessage());
        }
        validate(c);
        return c;
    }

    private static void len(String what, String v, int max) {
        if (v != null && v.length() > max) {
            throw new IllegalArgumentException("Invalid model card: " + what + " has " + v.length()
                    + " characters, the limit is " + max + " (REG-R13)");
        }
    }

    private static void count(String what, int n, int max) {
        if (n > max) {
            throw new IllegalArgumentException("Invalid model card: " + what + " has " + n + " entries, the limit is "
                    + max + " (REG-R13)");
        }
    }

    static void validate(Content c) {
        if (c.modelOverview() != null) {
            ModelOverview o = c.modelOverview();
            len("model_overview.description", o.description(), 1024);
            len("model_overview.owner", o.owner(), 1024);
            len("model_overview.creator", o.creator(), 1024);
            len("model_overview.problem_type", o.problemType(), 1024);
            len("model_overview.algorithm_type", o.algorithmType(), 1024);
        }
        if (c.intendedUses() != null) {
            IntendedUses u = c.intendedUses();
            len("intended_uses.purpose_of_model", u.purposeOfModel(), 2048);
            len("intended_uses.intended_uses", u.intendedUses(), 2048);
            len("intended_uses.factors_affecting_model_efficiency", u.factorsAffectingModelEfficiency(), 2048);
            len("intended_uses.risk_rating_explanation", u.riskRatingExplanation(), 2048);
        }
        if (c.businessDetails() != null) {
            BusinessDetails b = c.businessDetails();
            len("business_details.business_problem", b.businessProblem(), 2048);
            len("business_details.business_stakeholders", b.businessStakeholders(), 2048);
            len("business_details.line_of_business", b.lineOfBusiness(), 2048);
        }
        if (c.trainingDetails() != null) {
            TrainingDetails t = c.trainingDetails();
            len("training_details.objective_function", t.objectiveFunction(), 1024);
            len("training_details.training_observations", t.trainingObservations(), 1024);
            count("training_details.metrics", t.metrics() == null ? 0 : t.metrics().size(), 50);
            count("training_details.hyperparameters", t.hyperparameters() == null ? 0 : t.hyperparameters().size(),
                    100);
        }
        if (c.evaluationDetails() != null) {
            for (EvaluationDetail e : c.evaluationDetails()) {
                if (e == null || e.name() == null || e.name().isEmpty() || e.name().length() > 63) {
                    throw new IllegalArgumentException("Invalid model card: evaluation_details[].name must be 1-63 "
                            + "characters, got " + (e == null ? "null" : Names.quote(e.name())) + " (REG-R13)");
                }
                len("evaluation_details[" + e.name() + "].evaluation_observation", e.evaluationObservation(), 2048);
                count("evaluation_details[" + e.name() + "].datasets", e.datasets() == null ? 0 : e.datasets().size(),
                        10);
                if (e.metricGroups() != null) {
                    for (MetricGroup g : e.metricGroups()) {
                        if (g == null || g.metricData() == null) {
                            continue;
                        }
                        for (CardMetric m : g.metricData()) {
                            if (m != null && m.matrix() != null) {
                                int rows = m.matrix().size();
                                int cols = m.matrix().stream().mapToInt(r -> r == null ? 0 : r.size()).max()
                                        .orElse(0);
                                if (rows > 20 || cols > 20) {
                                    throw new IllegalArgumentException("Invalid model card: matrix '" + m.name()
                                            + "' is " + rows + "x" + cols + ", the limit is 20x20 (REG-R13)");
                                }
                            }
                        }
                    }
                }
            }
        }
        if (c.additionalInformation() != null) {
            AdditionalInformation a = c.additionalInformation();
            len("additional_information.ethical_considerations", a.ethicalConsiderations(), 2048);
            len("additional_information.caveats_and_recommendations", a.caveatsAndRecommendations(), 2048);
        }
    }

    /** @return the stored document: version-owned fields filled, user sections kept */
    static String fill(Content c, ModelVersion v) {
        TrainingDetails t = c.trainingDetails();
        Map<String, Double> metrics = t != null && t.metrics() != null && !t.metrics().isEmpty() ? t.metrics()
                : first(v.metrics(), 50);
        Map<String, String> hyper = t != null && t.hyperparameters() != null && !t.hyperparameters().isEmpty()
                ? t.hyperparameters() : first(v.hyperparameters(), 100);
        TrainingDetails filled = new TrainingDetails(t == null ? v.objectiveMetric() : t.objectiveFunction() == null
                ? v.objectiveMetric() : t.objectiveFunction(), t == null ? null : t.trainingObservations(), metrics,
                hyper);
        Stored s = new Stored(v.group(), v.version(), v.description(), c.modelOverview(), c.intendedUses(),
                c.businessDetails(), filled, c.evaluationDetails(), c.additionalInformation());
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new RegistryException("Cannot write a model card: " + e.getMessage(), e);
        }
    }

    private static <V> Map<String, V> first(Map<String, V> m, int n) {
        Map<String, V> out = new TreeMap<>();
        for (Map.Entry<String, V> e : new TreeMap<>(m).entrySet()) {
            if (out.size() == n) {
                break;
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** @return the user sections of a stored card (for copying to a new version) */
    static Content userSections(String storedJson) {
        try {
            Stored s = MAPPER.readValue(storedJson, Stored.class);
            TrainingDetails t = s.trainingDetails();
            TrainingDetails user = t == null ? null : new TrainingDetails(t.objectiveFunction(),
                    t.trainingObservations(), null, null);
            return new Content(s.modelOverview(), s.intendedUses(), s.businessDetails(), user,
                    s.evaluationDetails(), s.additionalInformation());
        } catch (JsonProcessingException e) {
            throw new RegistryException("Corrupt stored model card: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param card a card
     * @return Markdown: a title, then one section per schema section with its fields
     */
    public static String markdown(ModelCard card) {
        JsonNode root;
        try {
            root = MAPPER.readTree(card.json());
        } catch (JsonProcessingException e) {
            throw new RegistryException("Corrupt stored model card: " + e.getOriginalMessage(), e);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Model card: models:/").append(card.group()).append('/').append(card.version()).append("\n\n");
        sb.append("Status: ").append(card.status()).append(", revision ").append(card.revision()).append(" (")
                .append(card.createdAt()).append(" by ").append(card.createdBy()).append(")\n\n");
        if (root.hasNonNull("model_description") && !root.get("model_description").asText().isEmpty()) {
            sb.append(root.get("model_description").asText()).append("\n\n");
        }
        for (String section : List.of("model_overview", "intended_uses", "business_details", "training_details",
                "evaluation_details", "additional_information")) {
            JsonNode n = root.get(section);
            if (n == null || n.isNull() || n.isEmpty()) {
                continue;
            }
            sb.append("## ").append(title(section)).append("\n\n");
            writeNode(sb, n, 0);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void writeNode(StringBuilder sb, JsonNode n, int depth) {
        String indent = "  ".repeat(depth);
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) n).fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isContainerNode() && e.getValue().isEmpty()) {
                    continue;
                }
                if (e.getValue().isValueNode()) {
                    sb.append(indent).append("- **").append(title(e.getKey())).append("**: ")
                            .append(value(e.getValue())).append('\n');
                } else {
                    sb.append(indent).append("- **").append(title(e.getKey())).append("**\n");
                    writeNode(sb, e.getValue(), depth + 1);
                }
            }
        } else if (n.isArray()) {
            for (JsonNode x : n) {
                if (x.isValueNode()) {
                    sb.append(indent).append("- ").append(value(x)).append('\n');
                } else if (x.isArray()) {
                    sb.append(indent).append("- ").append(x).append('\n');
                } else {
                    sb.append(indent).append("-\n");
                    writeNode(sb, x, depth + 1);
                }
            }
        }
    }

    private static String value(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%s", v.numberValue()) : v.asText();
    }

    private static String title(String snake) {
        String s = snake.replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
