/// A series the exposition left out, and why. The collector's exporter logs these and serves
/// the rest of the scrape; the exposition reports them instead.
public struct PrometheusSkippedSeries: Sendable, Hashable, CustomStringConvertible {
    /// Why a series was left out.
    public enum Reason: Sendable, Hashable {
        /// Nothing valid is left of the metric's name.
        case invalidMetricName
        /// An attribute key yields no valid label name (it is empty, or starts with `__`).
        case invalidLabelName(String)
        /// Two labels of the series have the same name (for example `http.method` and
        /// `http_method`, or an attribute named `job`).
        case duplicateLabelName(String)
        /// The family already has another type (the first series seen decides).
        case typeConflict(existing: String, skipped: String)
        /// The name collides with the `_count`, `_sum` or `_bucket` series of a histogram or
        /// summary family, or the other way round.
        case suffixCollision(String)
        /// Another series of the family has exactly the same labels.
        case duplicateSeries
    }

    /// The OTLP name of the metric (`target_info` for the target info of a resource).
    public var metricName: String
    /// The exposed name, when there is one.
    public var exposedName: String?
    /// Why it was left out.
    public var reason: Reason

    /// Creates a record.
    public init(metricName: String, exposedName: String?, reason: Reason) {
        self.metricName = metricName
        self.exposedName = exposedName
        self.reason = reason
    }

    /// One line, for logs and failure messages.
    public var description: String {
        let name = exposedName.map { "\(metricName) (exposed as \($0))" } ?? metricName
        switch reason {
        case .invalidMetricName: return "\(name): no valid metric name"
        case .invalidLabelName(let key): return "\(name): attribute \"\(key)\" yields no valid label name"
        case .duplicateLabelName(let label): return "\(name): duplicate label \(label)"
        case .typeConflict(let existing, let skipped): return "\(name): family is \(existing), series is \(skipped)"
        case .suffixCollision(let other): return "\(name): collides with family \(other)"
        case .duplicateSeries: return "\(name): duplicate series"
        }
    }
}
