/// A metric family: every exposed metric with one name, one type and one help text.
struct PrometheusFamily {
    /// client_golang's `dto.MetricType`s the exporter produces.
    enum FamilyType: String {
        case counter, gauge, histogram, summary
    }

    var name: String
    var type: FamilyType
    var help: String
    var samples: [PrometheusSample]
}
