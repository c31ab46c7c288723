/// A log record's severity on OpenTelemetry's 1–24 scale (OTLP `SeverityNumber`).
///
/// Each range of four (`trace`…`trace4`, `debug`…`debug4`, and so on) is one level of the OpenTelemetry
/// log data model, from least to most severe within it.
public enum SeverityNumber: Int32, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// No severity given.
    case unspecified = 0
    case trace = 1
    case trace2, trace3, trace4
    case debug = 5
    case debug2, debug3, debug4
    case info = 9
    case info2, info3, info4
    case warn = 13
    case warn2, warn3, warn4
    case error = 17
    case error2, error3, error4
    case fatal = 21
    case fatal2, fatal3, fatal4

    /// The short name of the severity's range: `TRACE`, `DEBUG`, `INFO`, `WARN`, `ERROR` or `FATAL`.
    public var rangeName: String {
        switch rawValue {
        case 1...4: "TRACE"
        case 5...8: "DEBUG"
        case 9...12: "INFO"
        case 13...16: "WARN"
        case 17...20: "ERROR"
        case 21...24: "FATAL"
        default: "UNSPECIFIED"
        }
    }

    /// Less severe first.
    public static func < (lhs: SeverityNumber, rhs: SeverityNumber) -> Bool { lhs.rawValue < rhs.rawValue }
}
