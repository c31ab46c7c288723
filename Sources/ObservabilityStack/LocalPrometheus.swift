public import Foundation
import AsyncHTTPClient
import NIOCore

/// The real Prometheus server (Debian's `prometheus` package, installed by `make setup`) run
/// for the local stack driver: it scrapes the given targets on 127.0.0.1, keeps its data in a
/// temporary folder, and is stopped (and the folder removed) by ``stop()``.
public final class LocalPrometheus: @unchecked Sendable {
    /// A Prometheus scrape job.
    public struct ScrapeJob: Sendable {
        /// The job name.
        public var name: String
        /// `host:port` targets.
        public var targets: [String]
        /// The path scraped, `/metrics` by default.
        public var metricsPath: String
        /// Whether labels of the scraped series win over the target's (`honor_labels`), as a
        /// scrape of the collector's prometheus exporter needs.
        public var honorLabels: Bool

        /// Creates a job.
        public init(name: String, targets: [String], metricsPath: String = "/metrics", honorLabels: Bool = true) {
            self.name = name
            self.targets = targets
            self.metricsPath = metricsPath
            self.honorLabels = honorLabels
        }
    }

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

    /// Why Prometheus could not be started or queried.
    public enum Failure: Error, CustomStringConvertible {
        /// The binary is missing.
        case notInstalled(path: String)
        /// It did not become ready; the log tells why.
        case notReady(log: String)
        /// A query failed.
        case query(String)

        /// What failed.
        public var description: String {
            switch self {
            case .notInstalled(let path): "no Prometheus at \(path): run `make setup` (it installs Debian's prometheus)"
            case .notReady(let log): "Prometheus did not become ready:\n\(log)"
            case .query(let message): "Prometheus query failed: \(message)"
            }
        }
    }

    /// Where Prometheus answers, for example `http://127.0.0.1:40123`.
    public let endpoint: String
    private let process: Process
    private let folder: URL
    private let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)

    private init(endpoint: String, process: Process, folder: URL) {
        self.endpoint = endpoint
        self.process = process
        self.folder = folder
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Starts Prometheus scraping `jobs` every `scrapeInterval` and returns once it is ready.
    public static func start(
        jobs: [ScrapeJob], scrapeInterval: Duration = .seconds(1), binary: String = "/usr/bin/prometheus",
        readyWithin timeout: Duration = .seconds(60)
    ) async throws -> LocalPrometheus {
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw Failure.notInstalled(path: binary) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prometheus-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("prometheus.yml")
        try Data(configuration(jobs: jobs, scrapeInterval: scrapeInterval).utf8).write(to: config)
        let port = try FreePort.pick()
        let log = folder.appendingPathComponent("prometheus.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--config.file=\(config.path)", "--storage.tsdb.path=\(folder.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)", "--web.enable-lifecycle",
        ]
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let prometheus = LocalPrometheus(endpoint: "http://127.0.0.1:\(port)", process: process, folder: folder)

        // Poll the readiness endpoint against a deadline.
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline, process.isRunning {
            if (try? await prometheus.get("/-/ready").status) == 200 { return prometheus }
            try await Task.sleep(for: .milliseconds(100))  // poll interval
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        await prometheus.stop()
        throw Failure.notReady(log: String(text.suffix(4000)))
    }

    /// The configuration file for `jobs`.
    static func configuration(jobs: [ScrapeJob], scrapeInterval: Duration) -> String {
        let seconds = max(1, Int(scrapeInterval.components.seconds))
        var text = "global:\n  scrape_interval: \(seconds)s\n  evaluation_interval: \(seconds)s\nscrape_configs:\n"
        for job in jobs {
            text += "  - job_name: \"\(job.name)\"\n"
            text += "    honor_labels: \(job.honorLabels)\n"
            text += "    metrics_path: \"\(job.metricsPath)\"\n"
            text += "    static_configs:\n      - targets: [\(job.targets.map { "\"\($0)\"" }.joined(separator: ", "))]\n"
        }
        return text
    }

    /// Stops Prometheus (SIGTERM, then SIGKILL after 10 s) and removes its folder.
    public func stop() async {
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now.advanced(by: .seconds(10))
            while process.isRunning, ContinuousClock.now < deadline {
                try? await Task.sleep(for: .milliseconds(50))  // poll interval
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        try? await client.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The scrape targets and their health.
    public func targets() async throws -> [TargetHealth] {
        let json = try await getJSON("/api/v1/targets")
        let active = ((json["data"] as? [String: Any])?["activeTargets"] as? [[String: Any]]) ?? []
        return active.map { target in
            TargetHealth(
                job: (target["labels"] as? [String: String])?["job"] ?? "",
                url: target["scrapeUrl"] as? String ?? "",
                health: target["health"] as? String ?? "unknown",
                lastError: target["lastError"] as? String ?? "")
        }
    }

    /// The result of an instant PromQL query: each series' labels and value.
    public func query(_ promQL: String) async throws -> [(labels: [String: String], value: Double)] {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "query", value: promQL)]
        let json = try await getJSON("/api/v1/query?" + (components.percentEncodedQuery ?? ""))
        guard json["status"] as? String == "success" else {
            throw Failure.query("\(promQL): \(json["error"] as? String ?? "unknown error")")
        }
        let results = ((json["data"] as? [String: Any])?["result"] as? [[String: Any]]) ?? []
        return results.map { result in
            let value = (result["value"] as? [Any])?.last as? String
            return (result["metric"] as? [String: String] ?? [:], value.flatMap(Double.init) ?? .nan)
        }
    }

    private func getJSON(_ path: String) async throws -> [String: Any] {
        let (status, body) = try await get(path)
        guard let json = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw Failure.query("\(path) answered \(status) with no JSON object")
        }
        return json
    }

    private func get(_ path: String) async throws -> (status: UInt, body: Data) {
        let response = try await client.execute(HTTPClientRequest(url: endpoint + path), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 16 << 20)
        return (response.status.code, Data(body.readableBytesView))
    }
}

/// A free TCP port on 127.0.0.1, for programs that cannot be told to use port 0 and report it.
enum FreePort {
    static func pick() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw LocalPrometheus.Failure.query("no socket for a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw LocalPrometheus.Failure.query("cannot bind a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

#if canImport(Glibc)
import Glibc
#endif
