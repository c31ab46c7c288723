// TelemetryExposition renders telemetry in the model as the formats the observability stack's
// other components serve, so that the fake receiver can stand in for them:
// - the OpenTelemetry Collector prometheus exporter's exposition of received metrics
//   (`PrometheusAccumulator`, `PrometheusExposition`, `PrometheusNaming`);
// - the Jaeger query API's JSON for received traces, the classic form (`JaegerQueryAPI`) and the
//   v3 form (`JaegerQueryAPIv3`);
// - the collector `file` exporter's OTLP/JSON lines (`OTLPJSONLines`, `OTLPJSONLinesWriter`).
//
// Everything but `OTLPJSONLinesWriter` is a pure function of its input: the HTTP layer routes a
// request to one of these functions and sends the `ExpositionResponse` back as it is, or, for
// trace answers that may be hundreds of megabytes, the `ExpositionStream` piece by piece.
