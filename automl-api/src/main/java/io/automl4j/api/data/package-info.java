/** Tabular data: {@link io.automl4j.api.data.Dataset} and column types. */
package io.automl4j.api.data;
