/**
 * Small numerical building blocks shared by the estimators: a radix-2 FFT and periodogram, least
 * squares line fits, and summary statistics. Written here rather than imported because each is a
 * few dozen lines and the alternatives (commons-math3, JTransforms) would add a dependency for one
 * function.
 */
package io.chaoscast.models.signal;
