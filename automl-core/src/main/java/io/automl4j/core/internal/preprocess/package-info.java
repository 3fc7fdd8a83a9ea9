/** Engine internals (preprocess): not API; may change at any time. */
package io.automl4j.core.internal.preprocess;
