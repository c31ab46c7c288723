/// The outcome of a span's operation (OTLP `Status`).
public struct SpanStatus: Sendable, Hashable, Codable {
    /// The status code.
    public enum Code: Int32, Sendable, Hashable, Codable, CaseIterable {
        /// The default: no status was set.
        case unset = 0
        /// Explicitly marked successful.
        case ok = 1
        /// The operation failed.
        case error = 2
    }

    /// The status code.
    public var code: Code
    /// A developer-facing message, usually set only with `.error`.
    public var message: String

    /// Creates a status.
    public init(code: Code = .unset, message: String = "") {
        self.code = code
        self.message = message
    }

    /// The default status: unset, no message.
    public static let unset = SpanStatus()
    /// A successful status.
    public static let ok = SpanStatus(code: .ok)

    /// An error status with a message.
    public static func error(_ message: String = "") -> SpanStatus {
        SpanStatus(code: .error, message: message)
    }
}
