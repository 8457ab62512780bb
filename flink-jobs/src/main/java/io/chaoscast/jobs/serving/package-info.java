/** The standalone inference server: KServe v2 over HTTP with server-side dynamic batching. */
package io.chaoscast.jobs.serving;
