// TelemetryExposition renders telemetry in the model as the formats the observability stack's
// other components serve, so that the fake receiver can stand in for them:
// - the OpenTelemetry Collector prometheus exporter's exposition of received metrics;
// - the Jaeger query API's JSON for received traces (the classic and the v3 forms).
