import Foundation
import HarnessSupport
import HarnessTestSupport
import Testing

@testable import OverheadGate

/// The gate on the real demo service (debug build): segments run, spans are counted at the
/// sink, and a run that drops telemetry is INVALID.
@Suite("Overhead gate on the demo service")
struct ServiceWorkloadTests {
    static let demoService = BuiltProducts.folder.appendingPathComponent("DemoService")

    static func configuration() -> ServiceWorkload.Configuration {
        var configuration = ServiceWorkload.Configuration.demoService(demoService)
        configuration.rate = 50
        configuration.warmUp = .milliseconds(300)
        configuration.measurement = .milliseconds(700)
        return configuration
    }

    static var quickSettings: OverheadBenchmark.Settings {
        var settings = OverheadBenchmark.Settings()
        settings.plan = SequentialPlan(looks: [2])
        settings.warmUpRounds = 0
        return settings
    }

    @Test("every request's four spans reach the sink, and the run reaches a look")
    func validRun() async throws {
        let report = try await OverheadBenchmark(settings: Self.quickSettings).run(ServiceWorkload(Self.configuration()))
        #expect(report.verdict != .invalid, "\(report.reason)")
        #expect(report.rounds.count == 2)
        #expect(report.requests["instrumented"] == 70)
        #expect(report.looks.count == 1)
    }

    @Test("a span queue too small for the load drops spans, and the run is INVALID")
    func droppedSpans() async throws {
        var configuration = Self.configuration()
        configuration.instrumentedEnvironment["OTEL_BSP_MAX_QUEUE_SIZE"] = "2"
        configuration.instrumentedEnvironment["OTEL_BSP_MAX_EXPORT_BATCH_SIZE"] = "2"
        configuration.instrumentedEnvironment["OTEL_BSP_SCHEDULE_DELAY"] = "5000"
        let report = try await OverheadBenchmark(settings: Self.quickSettings).run(ServiceWorkload(configuration))
        #expect(report.verdict == .invalid)
        #expect(report.reason.contains("instrumented: the sink received"), "\(report.reason)")
        #expect(report.reason.contains("dropped telemetry hides its cost"), "\(report.reason)")
    }

    @Test("a request mix is sent in its proportions: half of the requests to a missing route fail")
    func requestMix() async throws {
        var configuration = Self.configuration()
        configuration.requests = try RequestMix([.init(.demoPipeline, weight: 1), .init(HTTPLoad.Request(path: "/no-such-route"), weight: 1)])
        let report = try await OverheadBenchmark(settings: Self.quickSettings).run(ServiceWorkload(configuration))
        #expect(report.verdict == .invalid)
        #expect(report.reason.contains("requests failed (17 × status 404)"), "\(report.reason)")
        #expect(report.workload.contains("1 × POST /v1/pipeline, 1 × GET /no-such-route"), "\(report.workload)")
    }

    @Test("a service whose requests fail makes the run INVALID, naming the status")
    func failingRequests() async throws {
        var configuration = Self.configuration()
        configuration.request = HTTPLoad.Request(method: "GET", path: "/no-such-route")
        let report = try await OverheadBenchmark(settings: Self.quickSettings).run(ServiceWorkload(configuration))
        #expect(report.verdict == .invalid)
        #expect(report.reason.contains("requests failed (35 × status 404)"), "\(report.reason)")
    }
}
