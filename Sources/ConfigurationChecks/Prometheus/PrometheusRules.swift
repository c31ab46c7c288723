import StackConfiguration

/// The checks of a Prometheus configuration: that a job scrapes the collector's prometheus
/// exporter where it listens, and keeps the labels the exporter sets.
enum PrometheusRules {
    /// The collector a Prometheus in the same compose project should scrape.
    struct CollectorExporter {
        /// The collector's compose service.
        var service: ComposeProject.Service
        /// The ports its prometheus exporters listen on.
        var ports: [Int]
    }

    /// A scrape job's targets: static ones, and DNS names with a port.
    struct Job {
        var name: String
        var location: SourceLocation
        var honorLabels: Bool
        var targets: [(text: String, location: SourceLocation)]
        /// Whether it also discovers targets in a way the checker cannot follow (Kubernetes,
        /// files, Docker, Consul, …).
        var discoversOtherwise: Bool
    }

    /// The conventional port of the collector's prometheus exporter, used when the checker has
    /// no collector configuration to read the real one from.
    static let conventionalExporterPort = 8889

    static func jobs(in root: ConfigNode) -> [Job] {
        (root["scrape_configs"]?.elements ?? []).map { job in
            var targets = (job["static_configs"]?.elements ?? []).flatMap { config in
                (config["targets"]?.elements ?? []).compactMap { target in target.string.map { ($0, target.location) } }
            }
            var discoversOtherwise = job.entries.contains {
                $0.key.hasSuffix("_sd_configs") && $0.key != "static_configs" && $0.key != "dns_sd_configs"
            }
            for config in job["dns_sd_configs"]?.elements ?? [] {
                // A and AAAA records name hosts; the port is the config's. SRV records carry their own.
                guard let port = config["port"]?.int else {
                    discoversOtherwise = true
                    continue
                }
                targets += (config["names"]?.elements ?? []).compactMap { name in name.string.map { ("\($0):\(port)", name.location) } }
            }
            return Job(
                name: job["job_name"]?.string ?? "?",
                location: job.location,
                honorLabels: job["honor_labels"]?.bool == true,
                targets: targets,
                discoversOtherwise: discoversOtherwise
            )
        }
    }

    static func check(_ file: ConfigFile, collector: CollectorExporter?) -> [Finding] {
        let jobs = jobs(in: file.root)
        var findings: [Finding] = []
        let scrapingJobs: [Job]
        if let collector, !collector.ports.isEmpty {
            scrapingJobs = jobs.filter { job in
                job.targets.contains { target in
                    Endpoint(target.text).map { collector.service.answers(to: $0.host) && collector.ports.contains($0.port) } ?? false
                }
            }
            // Targets the checker cannot see (other discovery, or jobs in `scrape_config_files`)
            // may well include the collector.
            if scrapingJobs.isEmpty, !jobs.contains(where: \.discoversOtherwise), file.root["scrape_config_files"] == nil {
                let expected = collector.ports.map { "\(collector.service.name):\($0)" }.joined(separator: " or ")
                let all = jobs.flatMap(\.targets)
                let nearMiss = all.first { target in
                    guard let endpoint = Endpoint(target.text) else { return false }
                    return collector.service.answers(to: endpoint.host) || collector.ports.contains(endpoint.port)
                }
                var message = "no scrape target reaches the collector's prometheus exporter at \(expected)"
                if all.isEmpty {
                    message += "; there are no static targets"
                } else {
                    message += "; the targets are " + all.map { "`\($0.text)`" }.joined(separator: ", ")
                    if all.contains(where: { Endpoint($0.text)?.isLoopback ?? false }) {
                        message += " (localhost is Prometheus's own container)"
                    }
                }
                findings.append(
                    ConfigRules.prometheusCollectorTargetMismatch.finding(
                        message,
                        in: file.name,
                        at: nearMiss?.location ?? file.root.entry("scrape_configs")?.keyLocation ?? .start,
                        fix: "Scrape `\(collector.service.name):\(collector.ports[0])`."
                    )
                )
            }
        } else {
            scrapingJobs = jobs.filter { $0.targets.contains { Endpoint($0.text)?.port == conventionalExporterPort } }
        }
        for job in scrapingJobs where !job.honorLabels {
            findings.append(
                ConfigRules.prometheusMissingHonorLabels.finding(
                    "job \(job.name) scrapes the collector's prometheus exporter without `honor_labels: true`: the services' job and instance labels become exported_job and exported_instance",
                    in: file.name,
                    at: job.location
                )
            )
        }
        return findings
    }
}
