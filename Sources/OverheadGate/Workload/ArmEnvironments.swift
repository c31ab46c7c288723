/// The environments a workload starts each arm with: one for both arms, and one on top for each.
///
/// The baseline arm turns the SDK off; the instrumented arm exports OTLP/gRPC to the gate's
/// acknowledging sink, whose endpoint replaces `{sink}` in the values.
public protocol ArmEnvironments {
    /// Environment for both arms.
    var environment: [String: String] { get set }
    /// Environment of the baseline arm, on top (default ``defaultBaselineEnvironment``).
    var baselineEnvironment: [String: String] { get set }
    /// Environment of the instrumented arm, on top (default ``defaultInstrumentedEnvironment``).
    var instrumentedEnvironment: [String: String] { get set }
}

extension ArmEnvironments {
    /// `OTEL_SDK_DISABLED=true`.
    public static var defaultBaselineEnvironment: [String: String] { ["OTEL_SDK_DISABLED": "true"] }

    /// OTLP/gRPC to `{sink}`, the SDK on.
    public static var defaultInstrumentedEnvironment: [String: String] {
        ["OTEL_EXPORTER_OTLP_ENDPOINT": "{sink}", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_SDK_DISABLED": "false"]
    }

    /// The environment `arm` runs with: both arms' entries, the arm's own on top, `{sink}`
    /// replaced by `sinkEndpoint` when there is one.
    public func environment(for arm: Arm, sinkEndpoint: String?) -> [String: String] {
        var merged = environment
        merged.merge(arm == .baseline ? baselineEnvironment : instrumentedEnvironment) { $1 }
        guard let sinkEndpoint else { return merged }
        return merged.mapValues { $0.replacingOccurrences(of: "{sink}", with: sinkEndpoint) }
    }
}
