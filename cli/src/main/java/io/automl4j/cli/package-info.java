/** Command-line tool. */
package io.automl4j.cli;
