public import Foundation
public import TelemetryModel

/// The decoded body of one OTLP export request, whichever the signal.
public enum OTLPPayload: Sendable, Hashable {
    /// An `ExportTraceServiceRequest`.
    case traces(TracesData)
    /// An `ExportMetricsServiceRequest`.
    case metrics(MetricsData)
    /// An `ExportLogsServiceRequest`.
    case logs(LogsData)

    /// The signal of the payload.
    public var signal: OTLPSignal {
        switch self {
        case .traces: .traces
        case .metrics: .metrics
        case .logs: .logs
        }
    }

    /// How many items (spans, data points or log records) the payload carries.
    public var itemCount: Int {
        switch self {
        case .traces(let traces): traces.spanCount
        case .metrics(let metrics): metrics.dataPointCount
        case .logs(let logs): logs.logRecords.count
        }
    }

    /// Decodes a protobuf request body of `signal`.
    public static func decodeProtobuf(_ signal: OTLPSignal, from bytes: Data) throws(OTLPDecodingError) -> OTLPPayload {
        switch signal {
        case .traces: .traces(try OTLPProtobuf.decodeTraces(bytes))
        case .metrics: .metrics(try OTLPProtobuf.decodeMetrics(bytes))
        case .logs: .logs(try OTLPProtobuf.decodeLogs(bytes))
        }
    }

    /// Decodes an OTLP/JSON request body of `signal` with `decoder`.
    public static func decodeJSON(
        _ signal: OTLPSignal,
        from bytes: Data,
        using decoder: OTLPJSONDecoder
    ) throws(OTLPDecodingError) -> OTLPDecoded<OTLPPayload> {
        switch signal {
        case .traces:
            let decoded = try decoder.decodeTraces(bytes)
            return OTLPDecoded(value: .traces(decoded.value), deviations: decoded.deviations)
        case .metrics:
            let decoded = try decoder.decodeMetrics(bytes)
            return OTLPDecoded(value: .metrics(decoded.value), deviations: decoded.deviations)
        case .logs:
            let decoded = try decoder.decodeLogs(bytes)
            return OTLPDecoded(value: .logs(decoded.value), deviations: decoded.deviations)
        }
    }
}
