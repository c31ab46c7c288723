import Foundation
import HarnessSupport

/// The real Prometheus server (Debian's `prometheus` package, installed by `make setup`) run
/// for the local stack driver: it scrapes the given targets on 127.0.0.1, keeps its data in a
/// temporary folder, and is stopped (and the folder removed) by ``stop()``.
public final class LocalPrometheus: Sendable {
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

    /// Why Prometheus could not be started or queried.
    public enum Failure: Error, CustomStringConvertible {
        /// The binary is missing.
        case notInstalled(path: String)
        /// It did not become ready; the log tells why.
        case notReady(log: String)

        /// What failed.
        public var description: String {
            switch self {
            case .notInstalled(let path): "no Prometheus at \(path): run `make setup` (it installs Debian's prometheus)"
            case .notReady(let log): "Prometheus did not become ready:\n\(log)"
            }
        }
    }

    /// Where Prometheus answers, for example `http://127.0.0.1:40123`.
    public var endpoint: String { api.endpoint }
    /// Its HTTP API.
    public let api: PrometheusClient
    private let process: ChildProcess
    private let folder: URL

    private init(endpoint: String, process: ChildProcess, folder: URL) {
        self.api = PrometheusClient(endpoint: endpoint)
        self.process = process
        self.folder = folder
    }

    /// What Prometheus logged so far.
    public var log: String { process.printed }

    /// Starts Prometheus scraping `jobs` every `scrapeInterval` and returns once it is ready.
    public static func start(
        jobs: [ScrapeJob],
        scrapeInterval: Duration = .seconds(1),
        binary: String = "/usr/bin/prometheus",
        readyWithin timeout: Duration = .seconds(60)
    ) async throws -> LocalPrometheus {
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw Failure.notInstalled(path: binary) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prometheus-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("prometheus.yml")
        try Data(configuration(jobs: jobs, scrapeInterval: scrapeInterval).utf8).write(to: config)
        let port = try FreeLocalPort.pick()
        let process = try await ChildProcess.launch(
            .path(binary),
            arguments: [
                "--config.file=\(config.path)", "--storage.tsdb.path=\(folder.appendingPathComponent("data").path)",
                "--web.listen-address=127.0.0.1:\(port)", "--web.enable-lifecycle",
            ]
        )
        let prometheus = LocalPrometheus(endpoint: "http://127.0.0.1:\(port)", process: process, folder: folder)
        do {
            try await poll("Prometheus did not become ready", within: timeout, every: .milliseconds(100)) { () -> Observation<Void> in
                guard process.isRunning else { return .failed("Prometheus exited (\(await process.wait()))") }
                return await prometheus.api.isReady() ? .done(()) : .notYet("/-/ready does not answer 200 yet")
            }
            return prometheus
        } catch {
            let text = prometheus.log
            await prometheus.stop()
            throw Failure.notReady(log: "\(error)\n" + String(text.suffix(4000)))
        }
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
        await process.stop(grace: .seconds(10))
        try? FileManager.default.removeItem(at: folder)
    }

    /// The scrape targets and their health.
    public func targets() async throws -> [PrometheusClient.TargetHealth] {
        try await api.targets()
    }

    /// The result of an instant PromQL query: each series' labels and value.
    public func query(_ promQL: String) async throws -> [PrometheusClient.Sample] {
        try await api.query(promQL)
    }
}
