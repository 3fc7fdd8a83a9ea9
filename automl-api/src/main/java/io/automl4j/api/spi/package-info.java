/** Service-provider interfaces for engine implementers; not for end users. */
package io.automl4j.api.spi;
