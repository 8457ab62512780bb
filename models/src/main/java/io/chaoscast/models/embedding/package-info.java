/**
 * Delay embedding (Takens 1981) of single- and multichannel series, with automatic choice of the
 * delay tau (first minimum of the average mutual information, autocorrelation 1/e crossing as
 * fallback) and dimension m (false nearest neighbours; Cao's E1/E2), and an incremental embedder
 * that keeps a ring buffer per stream and estimates its parameters from a warm-up window.
 */
package io.chaoscast.models.embedding;
