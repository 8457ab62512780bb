/**
 * The capacity search: each job's ladder of offered rates, the judgement of whether a run held its
 * rate, the resumable results file and the capacity report. Free of Flink: the run of one unit is
 * behind {@link io.chaoscast.loadtest.capacity.UnitRunner}.
 */
package io.chaoscast.loadtest.capacity;
