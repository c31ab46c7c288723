import AsyncHTTPClient
import HarnessSupport
import NIOCore
import NIOHTTP1
import TelemetryModel

/// Requests to the demo service, as the scenarios send them.
struct DemoTraffic: Sendable {
    var url: String
    var client: HTTPClient

    /// Posts one pipeline request, in a trace of its own that this side starts (a W3C
    /// `traceparent` header), and returns the trace's id and the caller's span id.
    @discardableResult
    func pipeline(traced: Bool = true) async throws -> (traceID: TraceID, parent: SpanID) {
        var generator = SystemRandomNumberGenerator()
        let traceID = TraceID(high: generator.next(), low: generator.next() | 1)
        let parent = SpanID(generator.next() | 1)
        var request = HTTPClientRequest(url: url + "/v1/pipeline")
        request.method = .POST
        if traced { request.headers.add(name: "traceparent", value: "00-\(traceID.hex)-\(parent.hex)-01") }
        request.body = .bytes(ByteBuffer(string: HTTPLoad.Request.demoPipeline.body ?? ""))
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else {
            throw ScenarioFailure("POST \(url)/v1/pipeline answered \(response.status.code): \(String(buffer: body).prefix(300))")
        }
        return (traceID, parent)
    }

    /// Sends `count` pipeline requests and a health check for each.
    func some(_ count: Int) async throws {
        for _ in 0..<count {
            try await pipeline(traced: false)
            let response = try await client.execute(HTTPClientRequest(url: url + "/health/live"), timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 16)
        }
    }
}
