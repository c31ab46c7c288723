import AsyncHTTPClient
import HarnessSupport

/// The wait for a collector brought back by a driver (compose `start`, an external restore
/// command) until its health endpoint answers 200 again.
enum CollectorHealth {
    /// Polls `url` until it answers 200; returns at once when the stack has no health endpoint.
    static func waitUntilHealthy(_ url: String?, within timeout: Duration) async throws {
        guard let url else { return }
        _ = try await poll("the collector did not become healthy again", within: timeout) { () -> Observation<Bool> in
            let status = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5)).status
            return status == .ok ? .done(true) : .notYet("health answered \(status)")
        }
    }
}
