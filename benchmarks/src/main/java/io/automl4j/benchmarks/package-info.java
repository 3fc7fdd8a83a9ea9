/** JMH benchmarks. */
package io.automl4j.benchmarks;
