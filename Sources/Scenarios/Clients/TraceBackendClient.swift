import AsyncHTTPClient
import Foundation
import OTLPWire
import TelemetryModel

/// Reads traces from the trace backend's Jaeger v3 query API (`GET /api/v3/traces/{id}`,
/// OTLP/JSON inside `{"result": …}`), which Jaeger 2 and the fake receiver both serve.
struct TraceBackendClient: Sendable {
    var endpoint: String
    var client: HTTPClient

    /// The trace's spans, or `nil` while the backend has none of it (404).
    func trace(_ id: TraceID) async throws -> TracesData? {
        try await get("\(endpoint)/api/v3/traces/\(id.hex)")
    }

    /// The traces with spans of `service` that started at or after `since` (at most 20, the
    /// most recent), or `nil` when there are none.
    func traces(of service: String, since: Date) async throws -> TracesData? {
        var components = URLComponents(string: "\(endpoint)/api/v3/traces")!
        components.queryItems = [
            URLQueryItem(name: "query.service_name", value: service),
            URLQueryItem(name: "query.start_time_min", value: ISO8601DateFormatter().string(from: since.addingTimeInterval(-1))),
            URLQueryItem(name: "query.num_traces", value: "20"),
        ]
        return try await get(components.url!.absoluteString)
    }

    private func get(_ url: String) async throws -> TracesData? {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        let body = Data(try await response.body.collect(upTo: 64 << 20).readableBytesView)
        if response.status == .notFound { return nil }
        guard response.status == .ok else {
            throw ScenarioFailure("GET \(url) answered \(response.status.code): \(String(decoding: body.prefix(300), as: UTF8.self))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let result = object["result"] else {
            throw ScenarioFailure("GET \(url) answered without a {\"result\": …} object: \(String(decoding: body.prefix(300), as: UTF8.self))")
        }
        let traces = try JSONSerialization.data(withJSONObject: result)
        do {
            // Lenient: a backend's JSON may carry base64 ids or enum names.
            return try OTLPJSONDecoder(mode: .lenient).decodeTraces(traces).value
        } catch {
            throw ScenarioFailure("GET \(url): the result is not OTLP/JSON traces: \(error)")
        }
    }
}
