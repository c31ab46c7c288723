import Foundation
import OTLPReceiver
import OTLPWire
import TelemetryModel
import Testing

@testable import ExporterConformance

/// The battery's judgements on hand-made evidence: re-sends are told from new batches, delays
/// from the first attempt, and jitter and growth from the waits.
@Suite("Exporter verdicts")
struct ExporterVerdictTests {
    static let start = ContinuousClock.now

    /// A trace request carrying spans with these ids, arriving `at` seconds after `start`.
    static func request(_ ids: [UInt64], at seconds: Double, outcome: ReceivedRequest.Outcome = .accepted) -> ReceivedRequest {
        let spans = ids.map { Span(traceID: TraceID(high: 1, low: 1), spanID: SpanID($0), name: "probe-span-\($0)") }
        let traces = TracesData(resourceSpans: [ResourceSpans(scopeSpans: [ScopeSpans(spans: spans)])])
        return ReceivedRequest(arrival: start.advanced(by: .seconds(seconds)), payload: .traces(traces), outcome: outcome)
    }

    static func evidence(_ runs: [[ReceivedRequest]], spans: Int = 2) -> CaseEvidence {
        CaseEvidence(
            transport: .httpProtobuf,
            spans: spans,
            runs: runs.map {
                CaseEvidence.Run(requests: $0, outcome: ExporterRunOutcome(took: .seconds(1), timedOut: false, status: 0), start: start)
            }
        )
    }

    static let rejected = ReceivedRequest.Outcome.rejected(httpStatus: 503, status: OTLPStatus(code: .unavailable, message: "injected"))

    @Test("a later request with other spans is another batch, not a retry")
    func batchesAreNotRetries() {
        let verdict = ExporterCases.notRetried(
            Self.evidence([[Self.request([1, 2], at: 0, outcome: Self.rejected), Self.request([3, 4], at: 0.2)]])
        )
        #expect(verdict == .pass("one attempt (HTTP 503), not retried"))
    }

    @Test("a later request with the same spans is a retry, timed from the first attempt")
    func resendIsRetry() {
        let requests = [Self.request([1, 2], at: 0, outcome: Self.rejected), Self.request([3], at: 0.2), Self.request([1, 2], at: 1.5)]
        #expect(ExporterCases.notRetried(Self.evidence([requests])) == .fail("retried 1 time after HTTP 503, first after 1.50 s"))
        #expect(ExporterCases.retried(Self.evidence([requests]), what: "HTTP 503") == .pass("HTTP 503 retried after 1.50 s; all 2 spans delivered"))
        #expect(
            ExporterCases.waited(Self.evidence([requests]), minimum: 2.9, asked: "Retry-After: 3")
                == .fail("retried after 1.50 s; Retry-After: 3 asked for at least 2.90 s")
        )
    }

    @Test("a request dropped before its body was read counts as re-sent by the next one")
    func droppedBeforeBody() {
        let dropped = ReceivedRequest(arrival: Self.start, payload: nil, outcome: .dropped(reason: "connection closed after the headers"))
        let verdict = ExporterCases.retried(Self.evidence([[dropped, Self.request([1, 2], at: 1.2)]]), what: "the dropped request was")
        #expect(verdict == .pass("the dropped request was retried after 1.20 s; all 2 spans delivered"))
    }

    @Test("a retry that does not deliver every span fails")
    func undelivered() {
        let requests = [Self.request([1, 2], at: 0, outcome: Self.rejected), Self.request([1, 2], at: 1, outcome: Self.rejected)]
        #expect(ExporterCases.retried(Self.evidence([requests]), what: "HTTP 503").isFailure)
    }

    static func jitterEvidence(_ waits: [(Double, Double)]) -> CaseEvidence {
        evidence(
            waits.map { first, second in
                [
                    Self.request([1, 2], at: 0, outcome: Self.rejected), Self.request([1, 2], at: first, outcome: Self.rejected),
                    Self.request([1, 2], at: first + second),
                ]
            }
        )
    }

    @Test("backoff: equal waits are no jitter, shrinking waits are no growth, varied growing waits pass")
    func backoff() {
        let judge = ExporterCases.backoffJitter.judge
        #expect(judge(Self.jitterEvidence(Array(repeating: (1.0, 2.0), count: 8))).detail.hasPrefix("no jitter"))
        #expect(judge(Self.jitterEvidence([(1.0, 0.5), (1.1, 0.5), (0.9, 0.6), (1.05, 0.5)])).detail.hasPrefix("the backoff does not grow"))
        #expect(judge(Self.jitterEvidence([(0.01, 0.02), (0.012, 0.02)])).detail.hasPrefix("retries without backing off"))
        let good = judge(Self.jitterEvidence([(1.0, 2.0), (1.1, 1.9), (0.9, 2.2), (1.05, 2.1)]))
        guard case .pass = good else {
            Issue.record("\(good)")
            return
        }
    }
}
