import Foundation
public import OTLPReceiver
import TelemetryModel

/// One behaviour the OTLP specification asks of an exporter, and how to see it: the receiver's
/// faults and state, the environment, and a judgement over what the receiver saw.
public struct ExporterCase: Sendable, Identifiable {
    /// How the receiver behaves during the case.
    public enum ReceiverState: Sendable, Hashable {
        /// Listening, with the case's faults.
        case listening
        /// Not listening: connections are refused.
        case refusing
        /// A TCP black hole in its place: connections are accepted by the kernel and nothing
        /// ever answers (no HTTP, no HTTP/2 preface).
        case tcpBlackHole
    }

    /// A stable id, for example `retry-503`.
    public var id: String
    /// What the specification requires, in a line.
    public var requirement: String
    /// The transports it applies to.
    public var transports: Set<OTLPTransport>
    /// The receiver's faults, made when the run starts (so that HTTP-dates are in the future).
    public var faults: @Sendable () -> FaultPlan
    /// Whether the receiver listens.
    public var receiverState: ReceiverState
    /// `OTEL_*` variables on top of the endpoint and protocol.
    public var environment: [String: String]
    /// How many spans each run emits.
    public var spans: Int
    /// How many runs the judgement needs.
    public var runs: Int
    /// When a run is stopped.
    public var deadline: Duration
    /// The judgement.
    public var judge: @Sendable (CaseEvidence) -> CaseVerdict

    /// Creates a case.
    public init(
        _ id: String,
        requirement: String,
        transports: Set<OTLPTransport> = Set(OTLPTransport.allCases),
        faults: @escaping @Sendable () -> FaultPlan = { FaultPlan() },
        receiverState: ReceiverState = .listening,
        environment: [String: String] = [:],
        spans: Int = 10,
        runs: Int = 1,
        deadline: Duration = .seconds(30),
        judge: @escaping @Sendable (CaseEvidence) -> CaseVerdict
    ) {
        precondition(spans >= 1 && runs >= 1, "a case needs at least one span and one run")
        self.id = id
        self.requirement = requirement
        self.transports = transports
        self.faults = faults
        self.receiverState = receiverState
        self.environment = environment
        self.spans = spans
        self.runs = runs
        self.deadline = deadline
        self.judge = judge
    }
}

/// What a case saw: for each run, the trace export requests the receiver got and how the
/// exporter's run ended.
public struct CaseEvidence: Sendable {
    /// One run.
    public struct Run: Sendable {
        /// The trace export requests, in arrival order.
        public var requests: [ReceivedRequest]
        /// How the exporter's run ended.
        public var outcome: ExporterRunOutcome
        /// When the run started.
        public var start: ContinuousClock.Instant

        /// The requests after the first that carry some of its spans again: its re-sends. (A
        /// later request with other spans is another batch, not a retry.) A first request
        /// dropped before its body was read has no spans to compare: then every later request
        /// may be its re-send.
        public var resends: [ReceivedRequest] {
            guard let first = requests.first else { return [] }
            let ids = Self.spanIDs(first)
            guard !ids.isEmpty else { return Array(requests.dropFirst()) }
            return requests.dropFirst().filter { !Self.spanIDs($0).isDisjoint(with: ids) }
        }

        /// Seconds from the first request to its first re-send, and between later re-sends.
        public var retryWaits: [Double] {
            let chain = Array(requests.prefix(1)) + resends
            return zip(chain, chain.dropFirst()).map { ($1.arrival - $0.arrival) / .seconds(1) }
        }

        /// The span ids a request carried.
        static func spanIDs(_ request: ReceivedRequest) -> Set<SpanID> {
            guard case .traces(let traces)? = request.payload else { return [] }
            return Set(traces.spans.map(\.spanID))
        }

        /// Spans in accepted requests.
        public var deliveredSpans: Int { requests.filter(\.outcome.isAccepted).map(\.itemCount).reduce(0, +) }
    }

    /// The transport of the exporter.
    public var transport: OTLPTransport
    /// The spans each run emitted.
    public var spans: Int
    /// The runs.
    public var runs: [Run]

    /// The first run.
    public var run: Run { runs[0] }
}

/// The judgement of a case on one exporter.
public enum CaseVerdict: Sendable, Hashable {
    /// Conforms; the text says what was seen.
    case pass(String)
    /// Deviates; the text says what was seen and what was expected.
    case fail(String)
    /// The case does not apply to the exporter's transport.
    case notApplicable
    /// The case could not be run (the harness's problem, not the exporter's).
    case error(String)

    /// A one-character mark for the matrix.
    public var mark: String {
        switch self {
        case .pass: "✓"
        case .fail: "✗"
        case .notApplicable: "–"
        case .error: "!"
        }
    }

    /// What was seen.
    public var detail: String {
        switch self {
        case .pass(let text), .fail(let text), .error(let text): text
        case .notApplicable: ""
        }
    }

    /// Whether it is a failure.
    public var isFailure: Bool {
        if case .fail = self { return true }
        return false
    }
}
