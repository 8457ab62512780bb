/**
 * The records the service reads and writes: observations in, forecasts, alerts and dead letters
 * out. Their JSON forms are documented in docs/schemas.md.
 */
package io.chaoscast.connectors.schema;
