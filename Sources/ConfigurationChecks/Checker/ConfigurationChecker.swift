public import Foundation
import StackConfiguration

/// Checks an observability stack's configuration files: compose files (and the collector,
/// Prometheus and Grafana files they mount, each in the context of the others), and collector,
/// Prometheus and Grafana files on their own.
///
/// ```swift
/// let report = ConfigurationChecker().check([URL(fileURLWithPath: "compose")])
/// if report.hasErrors { print(FindingsFormat.text.render(report)) }
/// ```
public struct ConfigurationChecker: Sendable {
    /// What the checks assume and how far they read.
    public struct Options: Sendable {
        /// The collector that collector files not run by a compose file (or by an image without
        /// a version) are checked against; by default contrib at the checker's manifest version.
        public var collectorTarget: CollectorTarget?
        /// The service's metrics: with it, every dashboard query must select one of them.
        public var metricInventory: MetricInventory?
        /// The largest file read, in bytes.
        public var maximumFileSize: Int
        /// The most files read from the folders given.
        public var maximumFiles: Int

        /// Creates options.
        public init(
            collectorTarget: CollectorTarget? = nil,
            metricInventory: MetricInventory? = nil,
            maximumFileSize: Int = ConfigurationChecker.defaultMaximumFileSize,
            maximumFiles: Int = 10_000
        ) {
            self.collectorTarget = collectorTarget
            self.metricInventory = metricInventory
            self.maximumFileSize = maximumFileSize
            self.maximumFiles = maximumFiles
        }
    }

    /// The largest file read by default, in bytes (8 MiB).
    public static let defaultMaximumFileSize = ConfigDocument.defaultSizeLimit

    /// The options.
    public var options: Options

    /// Creates a checker.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Folders never searched.
    static let ignoredFolders: Set<String> = ["node_modules", "DerivedData"]

    /// Checks `paths` (files, or folders searched for `.yaml`, `.yml` and `.json` files).
    public func check(_ paths: [URL]) -> CheckReport {
        var loader = FileLoader(sizeLimit: options.maximumFileSize)
        var findings: [Finding] = []
        var files: [ConfigFile] = []
        var skipped: [String] = []
        for (url, searched) in expand(paths, findings: &findings) {
            guard let file = loader.load(url, searched: searched) else { continue }
            if file.kind == .other { skipped.append(file.name) } else { files.append(file) }
        }

        var covered = Set<String>()
        var checked: [CheckReport.CheckedFile] = []
        for compose in files where compose.kind == .compose {
            let project = ComposeProject(compose)
            findings += ComposeRules.check(project)
            checked.append(CheckReport.CheckedFile(name: compose.name, kind: .compose))
            for file in checkStack(project, loader: &loader, findings: &findings) where !covered.contains(file.name) {
                covered.insert(file.name)
                checked.append(CheckReport.CheckedFile(name: file.name, kind: file.kind))
            }
        }

        let standalone = files.filter { $0.kind != .compose && !covered.contains($0.name) }
        for file in standalone {
            checked.append(CheckReport.CheckedFile(name: file.name, kind: file.kind))
            switch file.kind {
            case .collector:
                findings += CollectorRules.check(file, target: options.collectorTarget ?? .current, deployment: nil)
            case .prometheus:
                findings += PrometheusRules.check(file, collector: nil)
            default:
                break
            }
        }
        let grafanaFiles = standalone.filter { [.grafanaDatasources, .grafanaDashboardProviders, .grafanaDashboard].contains($0.kind) }
        if !grafanaFiles.isEmpty {
            let provisioning = GrafanaProvisioning(files: grafanaFiles)
            findings += provisioning.findings
            findings += DashboardMetricRules.check(provisioning, inventory: options.metricInventory)
        }

        findings += loader.findings
        return CheckReport(findings: Self.sorted(findings), checkedFiles: checked, skippedFiles: skipped)
    }

    /// Checks the collector, Prometheus and Grafana of a compose project through its mounts;
    /// returns the files read.
    private func checkStack(_ project: ComposeProject, loader: inout FileLoader, findings: inout [Finding]) -> [ConfigFile] {
        var read: [ConfigFile] = []
        func mounted(_ service: ComposeProject.Service, _ containerPath: String?) -> ConfigFile? {
            guard let containerPath, let host = service.hostPath(of: containerPath), FileManager.default.fileExists(atPath: host.path) else {
                return nil
            }
            guard let file = loader.load(host) else { return nil }
            read.append(file)
            return file
        }

        var collectors: [(ComposeProject.Service, ConfigFile)] = []
        for service in project.services {
            guard case .collector(let distribution) = service.kind else { continue }
            let paths = Self.collectorConfigPaths(service, distribution: distribution)
            for path in paths where !service.mounts(path) && !service.isBuilt {
                findings.append(Self.configNotMounted(service, path: path, distribution: distribution, in: project))
            }
            // Several --config files are merged by the collector and each alone may be partial:
            // they are read for their syntax, and the collector rules hold back.
            let files = paths.compactMap { mounted(service, $0) }
            if paths.count == 1, let file = files.first { collectors.append((service, file)) }
        }
        let prometheuses = project.services.compactMap { service -> ConfigFile? in
            guard service.kind == .prometheus, service.image?.name == "prometheus" else { return nil }
            return mounted(service, service.commandOption("--config.file") ?? "/etc/prometheus/prometheus.yml")
        }
        let scrapeTargets = prometheuses.flatMap { PrometheusRules.jobs(in: $0.root).flatMap { $0.targets.map(\.text) } }

        for (service, file) in collectors {
            var target = CollectorTarget(image: service.image, kind: service.kind)
            if target.version == nil, let explicit = options.collectorTarget { target = explicit }
            findings += CollectorRules.check(
                file,
                target: target,
                deployment: CollectorDeployment(project: project, service: service, scrapeTargets: scrapeTargets)
            )
        }
        let exporter = collectors.first.map { service, file in
            PrometheusRules.CollectorExporter(service: service, ports: Self.prometheusExporterPorts(file.root))
        }
        for file in prometheuses {
            findings += PrometheusRules.check(file, collector: exporter)
        }
        // Dashboards are checked against the metrics as the collector's exporter names them.
        let inventory = Self.inventory(options.metricInventory, exportedBy: collectors.first?.1)
        for service in project.services where service.kind == .grafana {
            let provisioning = GrafanaProvisioning(project: project, service: service, loader: &loader)
            findings += provisioning.findings
            findings += DashboardMetricRules.check(provisioning, inventory: inventory)
            read += provisioning.sourceFiles
        }
        return read
    }

    /// The config files a collector service runs: its `--config` files (not `env:`, `yaml:`
    /// or URLs), or its image's default.
    static func collectorConfigPaths(_ service: ComposeProject.Service, distribution: CollectorDistribution) -> [String] {
        let options = service.commandOptions("--config")
        guard !options.isEmpty else { return distribution.defaultConfigPath.map { [$0] } ?? [] }
        return options.compactMap { option in
            if option.hasPrefix("file:") { return String(option.dropFirst(5)) }
            return option.contains(":") ? nil : option
        }
    }

    /// The finding for a collector whose configuration file nothing mounts.
    static func configNotMounted(
        _ service: ComposeProject.Service,
        path: String,
        distribution: CollectorDistribution,
        in project: ComposeProject
    ) -> Finding {
        let isDefault = service.commandOptions("--config").isEmpty
        var message =
            isDefault
            ? "no volume of service \(service.name) mounts \(path), where the \(distribution.binaryName) image reads its configuration: it runs the image's built-in default instead of yours"
            : "service \(service.name) runs with --config \(path), which no volume mounts: the collector cannot start"
        let elsewhere = service.mounts.filter { $0.target.hasSuffix("config.yaml") || $0.target.hasSuffix(".yml") || $0.target.hasSuffix(".yaml") }
        if isDefault, let other = elsewhere.first {
            message += " (\(other.source) is mounted at \(other.target))"
        }
        return ConfigRules.composeCollectorConfigNotMounted.finding(
            message,
            in: project.file.name,
            at: service.location,
            fix: elsewhere.first.map { "Mount it at \(path), or pass `--config=\($0.target)` in `command`." }
                ?? "Mount your configuration file at \(path)."
        )
    }

    /// The inventory under the naming of the collector's prometheus exporter: its `namespace`
    /// (unless one was given explicitly). `nil` when the exporter keeps names without suffixes,
    /// which the inventory does not model.
    static func inventory(_ inventory: MetricInventory?, exportedBy collector: ConfigFile?) -> MetricInventory? {
        guard let inventory, let collector else { return inventory }
        let exporter = (collector.root["exporters"]?.entries ?? []).first { $0.key.split(separator: "/").first == "prometheus" }?.value
        guard let exporter else { return inventory }
        let strategy = exporter["translation_strategy"]?.string ?? ""
        if exporter["add_metric_suffixes"]?.bool == false || strategy.hasSuffix("WithoutSuffixes") || strategy == "NoTranslation" { return nil }
        guard inventory.namespace.isEmpty, let namespace = exporter["namespace"]?.string, !namespace.isEmpty else { return inventory }
        return inventory.withNamespace(namespace)
    }

    /// The ports the prometheus exporters of a collector configuration listen on.
    static func prometheusExporterPorts(_ root: ConfigNode) -> [Int] {
        (root["exporters"]?.entries ?? [])
            .filter { $0.key.split(separator: "/").first == "prometheus" }
            .compactMap { $0.value["endpoint"]?.string.flatMap(Endpoint.init)?.port }
    }

    /// The files under `paths`: files as given, folders searched (hidden and build folders
    /// skipped), each with whether it was found by searching.
    private func expand(_ paths: [URL], findings: inout [Finding]) -> [(url: URL, searched: Bool)] {
        var files: [(url: URL, searched: Bool)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
                findings.append(
                    ConfigRules.unreadable.finding(
                        "\(path.path) does not exist",
                        in: ConfigFile.displayName(for: path),
                        at: nil,
                        fix: "Check the path."
                    )
                )
                continue
            }
            guard isDirectory.boolValue else {
                files.append((path, false))
                continue
            }
            let enumerator = FileManager.default.enumerator(at: path, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
            var found: [URL] = []
            while let url = enumerator?.nextObject() as? URL {
                if Self.ignoredFolders.contains(url.lastPathComponent) {
                    enumerator?.skipDescendants()
                    continue
                }
                guard ["yaml", "yml", "json"].contains(url.pathExtension.lowercased()) else { continue }
                found.append(url)
            }
            if found.count > options.maximumFiles {
                findings.append(
                    ConfigRules.unreadable.finding(
                        "holds \(found.count) YAML and JSON files, over the limit of \(options.maximumFiles); the first \(options.maximumFiles) were checked",
                        in: ConfigFile.displayName(for: path),
                        at: nil,
                        fix: "Name the stack's folders, or raise --max-files."
                    )
                )
            }
            files += found.sorted { $0.path < $1.path }.prefix(options.maximumFiles).map { ($0, true) }
        }
        return files
    }

    private static func sorted(_ findings: [Finding]) -> [Finding] {
        var seen = Set<Finding>()
        return findings.filter { seen.insert($0).inserted }.sorted {
            ($0.file, $0.line ?? 0, $0.column ?? 0, $0.rule, $0.message) < ($1.file, $1.line ?? 0, $1.column ?? 0, $1.rule, $1.message)
        }
    }
}
