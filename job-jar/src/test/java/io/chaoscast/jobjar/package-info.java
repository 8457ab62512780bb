/**
 * Tests of the deployable job jar: its contents, and the job it holds on a Flink cluster of
 * separate processes.
 */
package io.chaoscast.jobjar;
