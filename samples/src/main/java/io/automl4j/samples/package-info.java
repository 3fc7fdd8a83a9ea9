/** Runnable, numbered examples. */
package io.automl4j.samples;
