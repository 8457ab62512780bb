/**
 * Tests of the chaoscast Helm chart: rendering and linting with real Helm (helm-java), the rendered
 * FlinkDeployment read into the Flink Kubernetes Operator's API classes, the Grafana dashboards and
 * the Prometheus rules.
 */
package io.chaoscast.helm;
