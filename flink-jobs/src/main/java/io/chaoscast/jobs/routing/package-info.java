/** Which model forecasts which stream: ordered stream-id rules with a default baseline. */
package io.chaoscast.jobs.routing;
