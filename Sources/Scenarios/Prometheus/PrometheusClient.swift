public import AsyncHTTPClient
import Foundation

/// A client of Prometheus's HTTP API (`/api/v1/…`), for any Prometheus server: the local one
/// or one in a compose stack.
public struct PrometheusClient: Sendable {
    /// One scrape target as Prometheus reports it.
    public struct TargetHealth: Sendable, Hashable {
        /// The job.
        public var job: String
        /// The scraped URL.
        public var url: String
        /// `up`, `down` or `unknown`.
        public var health: String
        /// The last scrape's error, if any.
        public var lastError: String
    }

    /// One series of an instant query's result.
    public struct Sample: Sendable, Hashable {
        /// The series' labels, `__name__` included when the query keeps it.
        public var labels: [String: String]
        /// Its value at the query's time.
        public var value: Double
    }

    /// Why a request to Prometheus failed.
    public struct Failure: Error, CustomStringConvertible {
        /// What failed, naming the request.
        public var description: String
    }

    /// Where Prometheus answers, for example `http://127.0.0.1:9090`.
    public let endpoint: String
    private let client: HTTPClient

    /// A client of the Prometheus at `endpoint`, sending through `client`.
    public init(endpoint: String, client: HTTPClient = .shared) {
        self.endpoint = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        self.client = client
    }

    /// Whether `/-/ready` answers 200.
    public func isReady() async -> Bool {
        (try? await get("/-/ready").status) == 200
    }

    /// The active scrape targets and their health.
    public func targets() async throws -> [TargetHealth] {
        let json = try await getJSON("/api/v1/targets")
        let active = ((json["data"] as? [String: Any])?["activeTargets"] as? [[String: Any]]) ?? []
        return active.map { target in
            TargetHealth(
                job: (target["labels"] as? [String: String])?["job"] ?? "",
                url: target["scrapeUrl"] as? String ?? "",
                health: target["health"] as? String ?? "unknown",
                lastError: target["lastError"] as? String ?? ""
            )
        }
    }

    /// The result of an instant PromQL query: every series with its labels and value.
    public func query(_ promQL: String) async throws -> [Sample] {
        let json = try await getJSON("/api/v1/query?" + Self.form(["query": promQL]))
        let results = ((json["data"] as? [String: Any])?["result"] as? [[String: Any]]) ?? []
        return results.map { result in
            let value = (result["value"] as? [Any])?.last as? String
            return Sample(labels: result["metric"] as? [String: String] ?? [:], value: value.flatMap(Double.init) ?? .nan)
        }
    }

    /// Every metric name Prometheus has a series of.
    public func metricNames() async throws -> [String] {
        let json = try await getJSON("/api/v1/label/__name__/values")
        return json["data"] as? [String] ?? []
    }

    private static func form(_ items: [String: String]) -> String {
        var components = URLComponents()
        components.queryItems = items.map { URLQueryItem(name: $0.key, value: $0.value) }
        // `+` is a space in a query string; PromQL needs it kept.
        return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }

    private func getJSON(_ path: String) async throws -> [String: Any] {
        let (status, body) = try await get(path)
        guard let json = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw Failure(description: "GET \(endpoint)\(path) answered \(status) without a JSON object")
        }
        guard json["status"] as? String == "success" else {
            throw Failure(description: "GET \(endpoint)\(path) answered \(status): \(json["error"] as? String ?? "unknown error")")
        }
        return json
    }

    private func get(_ path: String) async throws -> (status: UInt, body: Data) {
        do {
            let response = try await client.execute(HTTPClientRequest(url: endpoint + path), timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 16 << 20)
            return (response.status.code, Data(body.readableBytesView))
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(description: "GET \(endpoint)\(path) failed: \(error)")
        }
    }
}
