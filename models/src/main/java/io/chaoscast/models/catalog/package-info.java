/**
 * The catalogue of built-in systems: equations from {@code io.chaoscast.models.systems} bound to
 * the parameters, initial conditions, steps and reference invariants of the dysts catalogue (copied
 * into this module's resources with source and licence noted), and the standard way to simulate one
 * ({@link io.chaoscast.models.catalog.CatalogEntry#simulate}).
 */
package io.chaoscast.models.catalog;
