import AsyncHTTPClient
import Foundation
import HarnessSupport

/// Scenario 1: the collector's health endpoint answers 200.
public struct CollectorHealthScenario: Scenario {
    public let name = "collector-health"
    public let summary = "the collector's health endpoint answers 200"

    /// The scenario.
    public init() {}

    public func run(on stack: any RunningStack, context: ScenarioContext) async throws -> String {
        let url = try stack.endpoints.require(\.collectorHealth, "collector health endpoint")
        let clock = ContinuousClock()
        let start = clock.now
        try await poll("the collector's health endpoint \(url) did not answer 200", within: context.settings.pollTimeout) { () -> Observation<Void> in
            let response = try await context.client.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 16))
            return response.status == .ok ? .done(()) : .notYet("answered \(response.status.code): \(body.prefix(200))")
        }
        return "\(url) answered 200 after \((clock.now - start).formatted(.units(allowed: [.milliseconds], width: .abbreviated)))"
    }
}
