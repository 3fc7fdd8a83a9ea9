/**
 * The model registry (groups, versions, approval, lifecycle, aliases). Not built yet: see issue 4 and
 * {@code registry.md}. This module depends on {@code automl-api} only.
 */
package io.automl4j.registry;
