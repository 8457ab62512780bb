{{/*
Chart name, overridable with nameOverride. Truncated to 63 characters: some Kubernetes name fields
are limited to this by the DNS naming spec.
*/}}
{{- define "chaoscast.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name, truncated to 63 characters. If the release name already contains the
chart name it is used as is.
*/}}
{{- define "chaoscast.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
A name derived from the full name with a suffix, still within 63 characters.
Usage: include "chaoscast.componentName" (list . "inference")
*/}}
{{- define "chaoscast.componentName" -}}
{{- $root := index . 0 }}
{{- $suffix := index . 1 }}
{{- printf "%s-%s" (include "chaoscast.fullname" $root | trunc (int (sub 62 (len $suffix)))) $suffix | replace "--" "-" }}
{{- end }}

{{/*
Chart name and version as used by the chart label.
*/}}
{{- define "chaoscast.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "chaoscast.labels" -}}
helm.sh/chart: {{ include "chaoscast.chart" . }}
{{ include "chaoscast.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: chaoscast
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels.
*/}}
{{- define "chaoscast.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chaoscast.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Image reference from an image block ({repository, tag, digest}): a digest wins over a tag; an empty
tag falls back to the chart's appVersion.
Usage: include "chaoscast.image" (dict "image" .Values.image "root" .)
*/}}
{{- define "chaoscast.image" -}}
{{- $image := .image }}
{{- if $image.digest }}
{{- printf "%s@%s" $image.repository $image.digest }}
{{- else }}
{{- printf "%s:%s" $image.repository (default .root.Chart.AppVersion $image.tag) }}
{{- end }}
{{- end }}

{{/*
Name of the service account the Flink pods run as.
*/}}
{{- define "chaoscast.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "chaoscast.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Name of the ConfigMap holding the job's YAML configuration.
*/}}
{{- define "chaoscast.jobConfigName" -}}
{{- include "chaoscast.componentName" (list . "job-config") }}
{{- end }}

{{/*
Name of the Service of the GPU inference server.
*/}}
{{- define "chaoscast.inferenceName" -}}
{{- include "chaoscast.componentName" (list . "inference") }}
{{- end }}

{{/*
URL the job is pointed at for remote inference: an explicit gpu.server.url, else the chart's own
inference Service when gpu.mode is "server", else empty.
*/}}
{{- define "chaoscast.inferenceUrl" -}}
{{- if .Values.gpu.server.url }}
{{- .Values.gpu.server.url }}
{{- else if eq .Values.gpu.mode "server" }}
{{- printf "%s://%s.%s.svc:%d" (ternary "https" "http" (not (empty .Values.gpu.server.tls.secretName))) (include "chaoscast.inferenceName" .) .Release.Namespace (int .Values.gpu.server.port) }}
{{- end }}
{{- end }}

{{/*
Where the inference server's token and TLS files are mounted, in the server and in the Flink pods
(the paths the server's flags and the job's remote_inference keys name).
*/}}
{{- define "chaoscast.inferenceSecretsDir" -}}
/etc/chaoscast/inference
{{- end }}

{{/*
Where the Kafka trust store (kafka.tls.trustStore) is mounted in the Flink pods.
*/}}
{{- define "chaoscast.kafkaTrustStoreDir" -}}
/etc/chaoscast/kafka
{{- end }}

{{/*
Environment variables the job's YAML references for Kafka (${env:...}), from Secrets by reference
only; in every pod that reads the YAML (the Flink pods and the trainer).
*/}}
{{- define "chaoscast.kafkaEnv" -}}
{{- if .Values.kafka.credentials.secretName }}
- name: CHAOSCAST_KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.credentials.secretName }}
      key: {{ .Values.kafka.credentials.jaasConfigKey }}
{{- end }}
{{- with .Values.kafka.tls.trustStore }}
{{- if and .secretName .passwordKey }}
- name: CHAOSCAST_KAFKA_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ .passwordKey }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Volume of the Kafka trust store (kafka.tls.trustStore), mounted as kafka-trust-store at
chaoscast.kafkaTrustStoreDir; empty without one.
*/}}
{{- define "chaoscast.kafkaTrustStoreVolume" -}}
{{- with .Values.kafka.tls.trustStore }}
{{- if .secretName }}
# Only the trust store's key: its password reaches the job through the environment.
- name: kafka-trust-store
  secret:
    secretName: {{ .secretName }}
    defaultMode: 0440
    items:
      - key: {{ .key }}
        path: {{ .key }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Name of the trainer's Deployment and NetworkPolicy.
*/}}
{{- define "chaoscast.trainerName" -}}
{{- include "chaoscast.componentName" (list . "trainer") }}
{{- end }}

{{/*
Secret holding the CA certificate the job trusts the inference server by: tls.caSecretName, else
the server's own TLS Secret; empty when neither is set.
*/}}
{{- define "chaoscast.inferenceCaSecret" -}}
{{- default .Values.gpu.server.tls.secretName .Values.gpu.server.tls.caSecretName }}
{{- end }}

{{/*
Projected volume source of the files the job needs to call the inference server: the token and
the CA certificate, each only when configured; empty when the job needs neither.
*/}}
{{- define "chaoscast.inferenceClientVolume" -}}
{{- $server := .Values.gpu.server -}}
{{- $ca := include "chaoscast.inferenceCaSecret" . -}}
{{- if and (include "chaoscast.inferenceUrl" .) (or $server.auth.secretName $ca) }}
projected:
  # 0440: readable by the pod's group (fsGroup) only.
  defaultMode: 288
  sources:
    {{- with $server.auth.secretName }}
    - secret:
        name: {{ . }}
        items:
          - key: {{ $server.auth.tokenKey }}
            path: token
    {{- end }}
    {{- with $ca }}
    - secret:
        name: {{ . }}
        items:
          - key: {{ $server.tls.caKey }}
            path: tls/ca.crt
    {{- end }}
{{- end }}
{{- end }}

{{/*
Name of the PersistentVolumeClaim for checkpoints and savepoints when storage.type is "pvc".
*/}}
{{- define "chaoscast.storageClaimName" -}}
{{- if .Values.storage.pvc.create }}
{{- include "chaoscast.componentName" (list . "flink-data") }}
{{- else }}
{{- required "storage.pvc.claimName is required when storage.pvc.create is false" .Values.storage.pvc.claimName }}
{{- end }}
{{- end }}

{{/*
Base URI under which checkpoints, savepoints and HA metadata are written.
*/}}
{{- define "chaoscast.storageBase" -}}
{{- if eq .Values.storage.type "s3" }}
{{- printf "s3://%s/%s" (required "storage.s3.bucket is required when storage.type is s3" .Values.storage.s3.bucket) (trimAll "/" (default (include "chaoscast.fullname" .) .Values.storage.s3.prefix)) }}
{{- else }}
{{- printf "file://%s" .Values.storage.pvc.mountPath }}
{{- end }}
{{- end }}

{{/*
PromQL label matchers scoping a query to this release's Flink pods (labels the PodMonitor adds).
*/}}
{{- define "chaoscast.promSelector" -}}
namespace="{{ .Release.Namespace }}",pod=~"{{ include "chaoscast.fullname" . }}-.*"
{{- end }}
