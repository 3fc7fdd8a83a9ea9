/** Metrics, their directions, and the leaderboard. */
package io.automl4j.api.eval;
