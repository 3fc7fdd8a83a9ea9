/**
 * The model registry (registry.md, REG-R1…R23): groups of versioned model artifacts with approval status,
 * lifecycle stages, aliases, {@code models:/} URIs, customer metadata, an append-only audit log and events.
 * Open one with {@link io.automl4j.registry.ModelRegistries}. This module depends on {@code automl-api} only.
 */
package io.automl4j.registry;
