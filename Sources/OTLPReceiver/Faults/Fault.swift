public import Foundation
public import OTLPWire

/// A way for the receiver to misbehave on purpose, to prove that an exporter copes.
public enum Fault: Sendable, Hashable {
    /// Answers with an HTTP status and a `google.rpc.Status` body (gRPC: the matching code),
    /// optionally with `Retry-After` (gRPC: a `RetryInfo` detail).
    case status(httpStatus: Int, message: String = "injected fault", retryAfter: RetryAfter? = nil)
    /// Answers a gRPC request with this code (HTTP: the status the code maps to), with a
    /// `RetryInfo` detail when `retryDelay` is set (HTTP: `Retry-After` in seconds).
    case grpcStatus(OTLPStatusCode, message: String = "injected fault", retryDelay: Duration? = nil)
    /// Accepts the telemetry but reports `rejected` items (0 with a message: a warning).
    case partialSuccess(rejected: Int64, message: String)
    /// Answers normally after `delay`, plus a random extra up to `jitter`.
    case delay(Duration, jitter: Duration = .zero)
    /// Withholds the answer until the client gives up, `limit` passes, or the receiver stops.
    case stall(limit: Duration = .seconds(600))
    /// Answers 200 with bytes that are not a valid response message.
    case garbageBody
    /// Closes the HTTP/1.1 connection (h2c: resets the stream) without an answer, right after the
    /// request's headers or after the first part of its body (gRPC: answers UNAVAILABLE, as a
    /// dropped connection looks to a gRPC client).
    case closeConnection(ConnectionClose)

    /// When a connection is closed.
    public enum ConnectionClose: Sendable, Hashable {
        /// As soon as the request's headers have arrived.
        case afterHeaders
        /// After the first part of the request's body.
        case midBody
    }

    /// A `Retry-After` value: seconds, or an HTTP-date.
    public enum RetryAfter: Sendable, Hashable {
        /// `Retry-After: 3`.
        case seconds(Int)
        /// `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`.
        case httpDate(Date)
        /// An HTTP-date this long after the answer is sent (rounded down to the second, as
        /// HTTP-dates are).
        case httpDateAfter(Duration)

        /// The header value.
        public var headerValue: String {
            switch self {
            case .seconds(let seconds): String(seconds)
            case .httpDate(let date): Self.httpDateFormatter.string(from: date)
            case .httpDateAfter(let delay): Self.httpDateFormatter.string(from: Date().addingTimeInterval(delay / .seconds(1)))
            }
        }

        /// The delay it asks for, from `now`.
        public func delay(from now: Date) -> Duration {
            switch self {
            case .seconds(let seconds): .seconds(seconds)
            case .httpDate(let date): .seconds(max(0, date.timeIntervalSince(now)))
            case .httpDateAfter(let delay): delay
            }
        }

        static let httpDateFormatter: DateFormatter = {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            return formatter
        }()
    }
}

/// Which requests a fault applies to.
public struct FaultRule: Sendable, Hashable {
    /// How requests are picked.
    public enum Selection: Sendable, Hashable {
        /// Every request.
        case always
        /// The requests of the signal with these positions, counting from 1 (the first attempt,
        /// the first retry, …), within each session (the session header's value).
        case attempts(ClosedRange<Int>)
        /// Each request with this probability, from a seeded generator per session so that a run
        /// repeats.
        case probability(Double, seed: UInt64)
    }

    /// The signals the rule applies to.
    public var signals: Set<OTLPSignal>
    /// Which of their requests.
    public var selection: Selection
    /// What happens to them.
    public var fault: Fault

    /// Creates a rule.
    public init(_ fault: Fault, on signals: Set<OTLPSignal> = Set(OTLPSignal.allCases), when selection: Selection = .always) {
        self.signals = signals
        self.selection = selection
        self.fault = fault
    }
}

/// The faults a receiver injects: the first rule that selects a request applies to it.
///
/// ```swift
/// receiver.faultPlan = FaultPlan([
///     FaultRule(.status(httpStatus: 503, retryAfter: .seconds(1)), on: [.traces], when: .attempts(1...2)),
/// ])
/// ```
public struct FaultPlan: Sendable, Hashable {
    /// The rules, in order of precedence.
    public var rules: [FaultRule]

    /// Creates a plan; an empty one injects nothing.
    public init(_ rules: [FaultRule] = []) {
        self.rules = rules
    }
}
