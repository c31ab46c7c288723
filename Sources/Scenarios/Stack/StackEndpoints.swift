public import Foundation

/// Where a stack's components answer, as base URLs without a trailing slash.
public struct StackEndpoints: Sendable, Hashable {
    /// The collector's health endpoint (the `health_check` extension, or the receiver's
    /// `/health`), a full URL.
    public var collectorHealth: String?
    /// The Prometheus server.
    public var prometheus: String?
    /// The trace backend's Jaeger query API (the v3 API is under `/api/v3`).
    public var traceQuery: String?
    /// Grafana, when the stack has one.
    public var grafana: String?
    /// The log backend: the OTLP/JSON-lines file the collector's `file` exporter writes.
    public var logFile: URL?

    /// Endpoints as given; `nil` for a component the stack does not have.
    public init(collectorHealth: String?, prometheus: String?, traceQuery: String?, grafana: String?, logFile: URL?) {
        self.collectorHealth = collectorHealth
        self.prometheus = prometheus
        self.traceQuery = traceQuery
        self.grafana = grafana
        self.logFile = logFile
    }
}

extension StackEndpoints {
    /// The endpoint `keyPath`, or a skip naming `component` when the stack has none.
    func require<Value>(_ keyPath: KeyPath<StackEndpoints, Value?>, _ component: String) throws -> Value {
        guard let value = self[keyPath: keyPath] else {
            throw ScenarioSkipped("the stack file gives no \(component) for this driver")
        }
        return value
    }
}
