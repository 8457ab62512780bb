/** Mini-batch inference across streams: one model call per bundle of forecast requests. */
package io.chaoscast.jobs.batching;
