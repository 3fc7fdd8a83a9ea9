/**
 * The public automl4j API: {@link io.automl4j.api.AutoMLJob} describes a job, {@code fit} runs it and returns an
 * {@link io.automl4j.api.AutoMLResult}. The engine is found through {@link java.util.ServiceLoader}; add
 * {@code io.automl4j:automl-core} to the classpath.
 */
package io.automl4j.api;
