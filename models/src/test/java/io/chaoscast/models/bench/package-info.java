/**
 * JMH benchmarks for the dynamics core (not run by the test suite). Run with {@code
 * models/bench.sh} (arguments pass to JMH, e.g. {@code -f 1 -wi 2 -i 3 -w 1s -r 1s}).
 */
package io.chaoscast.models.bench;
