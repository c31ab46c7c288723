import TelemetryModel

/// The identity of a series, built from what the exporter's `timeseriesSignature` uses: the
/// metric's name and kind, the scope (name, version, schema URL, attributes), the point's
/// attributes and the `job` and `instance` the resource yields. Other resource attributes,
/// the unit, the description and the temporality are not part of it.
struct PrometheusSeriesKey: Hashable {
    /// The kinds of `pmetric.MetricType`.
    enum Kind: Hashable {
        case gauge, sum, histogram, exponentialHistogram, summary
    }

    var metricName: String
    var kind: Kind
    var scopeName: String
    var scopeVersion: String
    var scopeSchemaURL: String
    /// `key*value` strings, sorted, as the signature joins them.
    var scopeAttributes: [String]
    /// `key*value` strings, sorted.
    var attributes: [String]
    var job: String?
    var instance: String?

    init(metric: Metric, kind: Kind, scope: InstrumentationScope, scopeSchemaURL: String, attributes: Attributes, resource: Attributes) {
        self.metricName = metric.name
        self.kind = kind
        self.scopeName = scope.name
        self.scopeVersion = scope.version
        self.scopeSchemaURL = scopeSchemaURL
        self.scopeAttributes = scope.attributes.map { $0.key + "*" + $0.value.goString }.sorted(by: utf8Less)
        self.attributes = attributes.map { $0.key + "*" + $0.value.goString }.sorted(by: utf8Less)
        self.job = PrometheusTarget.job(of: resource)
        self.instance = PrometheusTarget.instance(of: resource)
    }
}
