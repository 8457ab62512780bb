/** Load generation, a read-committed latency probe, metric scraping and load-test reports. */
package io.chaoscast.loadtest;
