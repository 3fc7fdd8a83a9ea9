/** Lineage records of trained models. */
package io.automl4j.api.provenance;
