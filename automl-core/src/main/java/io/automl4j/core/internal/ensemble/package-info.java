/** Engine internals (ensembles): not API; may change at any time. */
package io.automl4j.core.internal.ensemble;
