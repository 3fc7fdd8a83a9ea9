package io.automl4j.registry;

import io.automl4j.registry.internal.Cards;

import java.time.Instant;
import java.util.Objects;

/**
 * One immutable revision of a version's model card (REG-R13, R14). The JSON follows the bundled card schema
 * ({@code model_overview}, {@code intended_uses}, {@code business_details}, {@code training_details},
 * {@code evaluation_details}, {@code additional_information}) plus the fields filled from the version
 * ({@code model_group}, {@code model_version}, {@code model_description}, training metrics and hyperparameters).
 *
 * @param group          group name
 * @param version        version number
 * @param revision       content revision (1, 2, …); status changes do not create revisions
 * @param status         the card's current status
 * @param json           the card document as JSON
 * @param createdAt      when this revision was written
 * @param createdBy      who wrote it
 */
public record ModelCard(String group, int version, int revision, CardStatus status, String json, Instant createdAt,
                        String createdBy) {
    public ModelCard {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(json, "json");
    }

    /** @return the card as Markdown (one section per schema section) */
    public String toMarkdown() {
        return Cards.markdown(this);
    }
}
