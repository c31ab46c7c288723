public import Foundation
import OTLPWire
public import TelemetryModel

/// Export requests as lines of OTLP/JSON, as the OpenTelemetry Collector's `file` exporter
/// writes them with `format: json`: each request's OTLP/JSON on one line, ending in `\n`.
///
/// Followed: opentelemetry-collector-contrib `exporter/fileexporter` (`exportMessageAsLine`:
/// the marshalled request, then a newline; no compression, no rotation, no `group_by`).
public enum OTLPJSONLines {
    /// One line for a traces export request.
    public static func line(for traces: TracesData) -> Data {
        terminated(OTLPJSONEncoder.encode(traces))
    }

    /// One line for a metrics export request.
    public static func line(for metrics: MetricsData) -> Data {
        terminated(OTLPJSONEncoder.encode(metrics))
    }

    /// One line for a logs export request.
    public static func line(for logs: LogsData) -> Data {
        terminated(OTLPJSONEncoder.encode(logs))
    }

    private static func terminated(_ json: Data) -> Data {
        var line = json
        line.append(UInt8(ascii: "\n"))
        return line
    }
}
