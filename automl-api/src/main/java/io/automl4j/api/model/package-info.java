/** Trained models, their signatures and predictions. */
package io.automl4j.api.model;
