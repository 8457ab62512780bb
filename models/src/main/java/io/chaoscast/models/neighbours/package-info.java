/**
 * Spatial index for nearest-neighbour and fixed-radius searches over point clouds (delay vectors,
 * state samples): {@link io.chaoscast.models.neighbours.KdTree}, with a Theiler window to exclude
 * temporally correlated neighbours.
 */
package io.chaoscast.models.neighbours;
