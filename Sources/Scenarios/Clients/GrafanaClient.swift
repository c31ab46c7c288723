import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Grafana's HTTP API, as the dashboard scenario uses it in compose mode (anonymous admin).
struct GrafanaClient: Sendable {
    var endpoint: String
    var client: HTTPClient

    /// Whether Grafana has the dashboard `uid` (`GET /api/dashboards/uid/{uid}`).
    func dashboardStatus(_ uid: String) async throws -> UInt {
        let response = try await client.execute(HTTPClientRequest(url: "\(endpoint)/api/dashboards/uid/\(uid)"), timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 16 << 20)
        return response.status.code
    }

    /// Whether Grafana has the datasource `uid`.
    func datasourceStatus(_ uid: String) async throws -> UInt {
        let response = try await client.execute(HTTPClientRequest(url: "\(endpoint)/api/datasources/uid/\(uid)"), timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        return response.status.code
    }

    /// How many values a PromQL query returns through Grafana (`POST /api/ds/query`), over the
    /// last five minutes; throws with Grafana's message when the query fails.
    func valueCount(expr: String, datasourceUID: String) async throws -> Int {
        let query: [String: Any] = [
            "from": "now-5m", "to": "now",
            "queries": [["refId": "A", "datasource": ["uid": datasourceUID], "expr": expr, "instant": true, "range": false]],
        ]
        var request = HTTPClientRequest(url: "\(endpoint)/api/ds/query")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: query)))
        let response = try await client.execute(request, timeout: .seconds(20))
        let body = Data(try await response.body.collect(upTo: 16 << 20).readableBytesView)
        let json = (try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:]
        let result = ((json["results"] as? [String: Any])?["A"] as? [String: Any]) ?? [:]
        if let error = result["error"] as? String { throw ScenarioFailure("Grafana: \(error)") }
        guard response.status == .ok else {
            throw ScenarioFailure("POST /api/ds/query answered \(response.status.code): \(String(decoding: body.prefix(300), as: UTF8.self))")
        }
        let frames = (result["frames"] as? [[String: Any]]) ?? []
        return frames.reduce(0) { count, frame in
            let values = ((frame["data"] as? [String: Any])?["values"] as? [[Any]]) ?? []
            return count + (values.last?.count ?? 0)
        }
    }
}
