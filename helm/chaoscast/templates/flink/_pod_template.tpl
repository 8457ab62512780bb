{{/*
Pod template of the JobManager or TaskManager pods. The operator's own containers are merged into
the container named flink-main-container.
Usage: include "chaoscast.flinkPodTemplate" (dict "root" . "gpu" true|false)
*/}}
{{- define "chaoscast.flinkPodTemplate" -}}
{{- $root := .root -}}
{{- $values := $root.Values -}}
{{- $inferenceClient := include "chaoscast.inferenceClientVolume" $root | trim -}}
metadata:
  labels:
    {{- include "chaoscast.selectorLabels" $root | nindent 4 }}
    app.kubernetes.io/component: flink
  annotations:
    # A changed job configuration changes the spec, so the operator upgrades the job (with a savepoint).
    checksum/job-config: {{ include (print $root.Template.BasePath "/flink/job_config_map.yaml") $root | sha256sum }}
    {{- with $values.flink.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  securityContext:
    {{- toYaml $values.podSecurityContext | nindent 4 }}
  {{- with $values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- $nodeSelector := $values.flink.nodeSelector }}
  {{- $tolerations := $values.flink.tolerations }}
  {{- if .gpu }}
  {{- $nodeSelector = merge (deepCopy $values.gpu.taskManager.nodeSelector) $values.flink.nodeSelector }}
  {{- $tolerations = concat $values.flink.tolerations $values.gpu.taskManager.tolerations }}
  {{- end }}
  {{- with $nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.flink.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: flink-main-container
      securityContext:
        {{- toYaml $values.containerSecurityContext | nindent 8 }}
      ports:
        - name: metrics
          containerPort: {{ $values.monitoring.metricsPort }}
          protocol: TCP
      {{- if .gpu }}
      resources:
        limits:
          {{ $values.gpu.taskManager.resourceName }}: {{ $values.gpu.taskManager.amount }}
      {{- end }}
      {{- $env := include "chaoscast.flinkEnv" $root | trim }}
      {{- if $env }}
      env:
        {{- $env | nindent 8 }}
      {{- end }}
      volumeMounts:
        - name: job-config
          mountPath: /opt/chaoscast
          readOnly: true
        {{- range $values.flink.scratchVolumes }}
        - name: {{ .name }}
          mountPath: {{ .mountPath }}
        {{- end }}
        {{- if eq $values.storage.type "pvc" }}
        - name: flink-data
          mountPath: {{ $values.storage.pvc.mountPath }}
        {{- end }}
        {{- if $inferenceClient }}
        - name: inference-client
          mountPath: {{ include "chaoscast.inferenceSecretsDir" $root }}
          readOnly: true
        {{- end }}
        {{- if $values.kafka.tls.trustStore.secretName }}
        - name: kafka-trust-store
          mountPath: {{ include "chaoscast.kafkaTrustStoreDir" $root }}
          readOnly: true
        {{- end }}
  volumes:
    - name: job-config
      configMap:
        name: {{ include "chaoscast.jobConfigName" $root }}
    {{- range $values.flink.scratchVolumes }}
    - name: {{ .name }}
      emptyDir:
        {{- with .sizeLimit }}
        sizeLimit: {{ . }}
        {{- else }}
        {}
        {{- end }}
    {{- end }}
    {{- if eq $values.storage.type "pvc" }}
    - name: flink-data
      persistentVolumeClaim:
        claimName: {{ include "chaoscast.storageClaimName" $root }}
    {{- end }}
    {{- if $inferenceClient }}
    # The inference server's token and CA certificate (never its private key).
    - name: inference-client
      {{- $inferenceClient | nindent 6 }}
    {{- end }}
    {{- with include "chaoscast.kafkaTrustStoreVolume" $root | trim }}
    {{- . | nindent 4 }}
    {{- end }}
{{- end }}


{{/*
Environment of the Flink containers: secrets by reference only, the inference URL, extra variables.
*/}}
{{- define "chaoscast.flinkEnv" -}}
{{- $root := . -}}
{{- include "chaoscast.kafkaEnv" $root }}
{{- if and (eq $root.Values.storage.type "s3") $root.Values.storage.s3.credentialsSecret.name }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.storage.s3.credentialsSecret.name }}
      key: {{ $root.Values.storage.s3.credentialsSecret.accessKeyIdKey }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.storage.s3.credentialsSecret.name }}
      key: {{ $root.Values.storage.s3.credentialsSecret.secretAccessKeyKey }}
{{- end }}
{{- if (include "chaoscast.inferenceUrl" $root) }}
- name: CHAOSCAST_INFERENCE_URL
  value: {{ (include "chaoscast.inferenceUrl" $root) | quote }}
{{- end }}
{{- with $root.Values.flink.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}
