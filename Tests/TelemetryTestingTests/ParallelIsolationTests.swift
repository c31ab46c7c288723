import Logging
import Metrics
import TelemetryModel
import TelemetryTesting
import Testing
import Tracing

/// Sixty tests run in parallel, each through the process-wide systems (a `Logger(label:)`, a
/// counter created before any test, the bootstrapped tracer) as well as the task-local ones,
/// and each must see exactly its own telemetry.
@Suite("Isolation of parallel tests", .capturingTelemetry)
struct ParallelIsolationTests {
    static let requests: Counter = {
        ProcessWideTelemetryRouting.bootstrap()
        return Counter(label: "isolation.requests")
    }()

    static let tracerMadeBeforeTheTests: any Tracer = {
        ProcessWideTelemetryRouting.bootstrap()
        return InstrumentationSystem.tracer
    }()

    @Test("each of 60 parallel tests sees only its own spans, metrics and logs", arguments: 0..<60)
    func isolated(index: Int) async throws {
        let telemetry = try #require(TelemetryCapture.current)
        let logger = Logger(label: "isolation")
        let marker = "test-\(index)"
        let spanCount = 1 + index % 4

        await withTaskGroup(of: Void.self) { group in
            for child in 0..<spanCount {
                group.addTask {
                    // Interleave with the other tests without sleeping.
                    for _ in 0..<(index % 7) { await Task.yield() }
                    Self.tracerMadeBeforeTheTests.withAnySpan("\(marker)/\(child)") { span in
                        span.attributes["marker"] = marker
                        logger.info("\(marker) child \(child)")
                    }
                    Self.requests.increment(by: Int64(index))
                    Counter(label: "isolation.made-in-test", dimensions: [("marker", marker)]).increment()
                }
            }
        }

        let snapshot = telemetry.data
        #expect(snapshot.spans.count == spanCount)
        #expect(snapshot.spans.allSatisfy { $0.attributes["marker"] == .string(marker) })
        #expect(snapshot.logRecords.count == spanCount)
        #expect(snapshot.logRecords.allSatisfy { $0.body?.stringValue?.hasPrefix(marker + " ") == true })
        #expect(Set(snapshot.logRecords.compactMap(\.spanID)) == Set(snapshot.spans.map(\.spanID)))
        #expect(snapshot.total(of: "isolation.requests") == Double(index * spanCount))
        #expect(snapshot.total(of: "isolation.made-in-test", where: ["marker": .string(marker)]) == Double(spanCount))
        #expect(snapshot.metrics(named: "isolation.made-in-test").first?.data.dataPointCount == 1)
    }
}

extension Tracer {
    /// `withSpan` through an existential tracer.
    func withAnySpan(_ name: String, _ body: (any Tracing.Span) -> Void) {
        let span = startSpan(name)
        InstrumentationContext.$current.withValue(span.context) { body(span) }
        span.end()
    }
}
