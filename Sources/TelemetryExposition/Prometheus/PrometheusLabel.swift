/// One label of an exposed sample.
struct PrometheusLabel: Hashable {
    var name: String
    var value: String
}
