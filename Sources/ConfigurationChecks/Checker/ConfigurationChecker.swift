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
        /// A suppressions file (`rule file[:line] reason` a line); inline
        /// `# otel-harness-ignore RULE: reason` comments apply anyway.
        public var suppressionsFile: URL?

        /// Creates options.
        public init(
            collectorTarget: CollectorTarget? = nil,
            metricInventory: MetricInventory? = nil,
            maximumFileSize: Int = ConfigurationChecker.defaultMaximumFileSize,
            maximumFiles: Int = 10_000,
            suppressionsFile: URL? = nil
        ) {
            self.collectorTarget = collectorTarget
            self.metricInventory = metricInventory
            self.maximumFileSize = maximumFileSize
            self.maximumFiles = maximumFiles
            self.suppressionsFile = suppressionsFile
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
        var collectorFiles = files.filter { $0.kind == .collector }
        var checked: [CheckReport.CheckedFile] = []
        for compose in files where compose.kind == .compose {
            let project = ComposeProject(compose)
            findings += ComposeRules.check(project)
            checked.append(CheckReport.CheckedFile(name: compose.name, kind: .compose))
            for file in checkStack(project, loader: &loader, findings: &findings) where !covered.contains(file.name) {
                covered.insert(file.name)
                if file.kind == .collector, !collectorFiles.contains(where: { $0.name == file.name }) { collectorFiles.append(file) }
                checked.append(CheckReport.CheckedFile(name: file.name, kind: file.kind))
            }
        }

        let standalone = files.filter { $0.kind != .compose && !covered.contains($0.name) }
        // A builder manifest among the files says the collector is a build of one's own.
        let customBuild = files.first { $0.kind == .collectorBuilderManifest }
        for file in standalone {
            checked.append(CheckReport.CheckedFile(name: file.name, kind: file.kind))
            switch file.kind {
            case .collector:
                let target =
                    options.collectorTarget
                    ?? (customBuild != nil ? CollectorTarget(distribution: .custom, version: nil) : .assumed(for: file.root))
                let elsewhere = Self.components(of: collectorFiles.filter { $0.name != file.name })
                findings += CollectorRules.check(
                    file,
                    target: target,
                    deployment: nil,
                    isComplete: !Self.isFragment(file, definedElsewhere: elsewhere),
                    definedElsewhere: elsewhere
                )
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
        var suppressions = options.suppressionsFile.map { SuppressionReader.file($0, findings: &findings) } ?? []
        for path in loader.paths { suppressions += SuppressionReader.inline(in: URL(fileURLWithPath: path), findings: &findings) }
        let (kept, suppressed) = Self.apply(suppressions, to: findings)
        return CheckReport(findings: Self.sorted(kept), checkedFiles: checked, skippedFiles: skipped, suppressed: suppressed)
    }

    /// The findings no suppression matches, with `suppression/unused` findings for the
    /// suppressions that match none, and the findings suppressed.
    static func apply(_ suppressions: [Suppression], to findings: [Finding]) -> ([Finding], [SuppressedFinding]) {
        guard !suppressions.isEmpty else { return (findings, []) }
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var used = Set<Suppression>()
        var kept: [Finding] = []
        var suppressed: [SuppressedFinding] = []
        for finding in findings {
            let path = finding.file.hasPrefix("/") ? finding.file : current.appendingPathComponent(finding.file).standardizedFileURL.path
            if let suppression = suppressions.first(where: { $0.matches(finding, path: path) }) {
                used.insert(suppression)
                suppressed.append(SuppressedFinding(finding: finding, reason: suppression.reason))
            } else {
                kept.append(finding)
            }
        }
        for suppression in suppressions where !used.contains(suppression) {
            kept.append(
                ConfigRules.suppressionUnused.finding(
                    "the suppression of \(suppression.rule) in \(ConfigFile.displayName(for: URL(fileURLWithPath: suppression.path)))"
                        + (suppression.line.map { ":\($0)" } ?? "") + " matches no finding",
                    in: suppression.origin.file,
                    at: SourceLocation(line: suppression.origin.line)
                )
            )
        }
        return (kept, suppressed)
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

        var collectors: [(service: ComposeProject.Service, file: ConfigFile, isComplete: Bool)] = []
        for service in project.services {
            guard let distribution = service.kind.collectorDistribution else { continue }
            let sources = CollectorConfigSources(service, distribution: distribution)
            if sources.sources.isEmpty, !distribution.runsWithoutConfigOption, !service.isBuilt {
                findings.append(
                    ConfigRules.composeCollectorConfigNotMounted.finding(
                        "service \(service.name) runs \(distribution.binaryName) without --config, and that image has no default configuration: the collector does not start",
                        in: project.file.name,
                        at: service.location,
                        fix: "Mount your configuration and pass `--config=PATH` in `command`."
                    )
                )
            }
            for path in sources.files where !service.mounts(path) && !service.isBuilt {
                findings.append(Self.configNotMounted(service, path: path, distribution: distribution, in: project))
            }
            var files: [String: ConfigFile] = [:]
            for path in sources.files { files[path] = mounted(service, path) }
            guard let configuration = Self.effectiveConfiguration(sources, files: files, of: service, in: project) else { continue }
            // The rules about references hold back when part of the configuration is out of sight.
            collectors.append((service, configuration, sources.isVisible && files.count == sources.files.count))
        }
        let prometheuses = project.services.compactMap { service -> ConfigFile? in
            guard service.kind == .prometheus, service.image?.name == "prometheus" else { return nil }
            return mounted(service, service.commandOption("--config.file") ?? "/etc/prometheus/prometheus.yml")
        }
        let scrapeTargets = prometheuses.flatMap { PrometheusRules.jobs(in: $0.root).flatMap { $0.targets.map(\.text) } }

        for collector in collectors {
            var target = CollectorTarget(image: collector.service.image, kind: collector.service.kind)
            if target.version == nil, target.distribution != .jaeger, let explicit = options.collectorTarget { target = explicit }
            findings += CollectorRules.check(
                collector.file,
                target: target,
                deployment: CollectorDeployment(project: project, service: collector.service, scrapeTargets: scrapeTargets),
                isComplete: collector.isComplete
            )
        }
        let exporter = collectors.first.map { collector in
            PrometheusRules.CollectorExporter(service: collector.service, ports: Self.prometheusExporterPorts(collector.file.root))
        }
        for file in prometheuses {
            findings += PrometheusRules.check(file, collector: exporter)
        }
        // Dashboards are checked against the metrics as the collector's exporter names them.
        let inventory = Self.inventory(options.metricInventory, exportedBy: collectors.first?.file)
        for service in project.services where service.kind == .grafana {
            let provisioning = GrafanaProvisioning(project: project, service: service, loader: &loader)
            findings += provisioning.findings
            findings += DashboardMetricRules.check(provisioning, inventory: inventory)
            read += provisioning.sourceFiles
        }
        return read
    }

    /// The configuration a collector runs: its one file, or its sources merged in order (maps
    /// merged key by key, lists and scalars replaced by the later source), each node still
    /// naming the file and line that set it. `nil` when nothing of it can be read.
    static func effectiveConfiguration(
        _ sources: CollectorConfigSources,
        files: [String: ConfigFile],
        of service: ComposeProject.Service,
        in project: ComposeProject
    ) -> ConfigFile? {
        if !sources.isMerged, let path = sources.files.first, let only = files[path] { return only }
        var root: ConfigNode?
        var first: ConfigFile?
        for source in sources.sources {
            let node: ConfigNode
            switch source {
            case .file(let path):
                guard let file = files[path] else { continue }
                if first == nil { first = file }
                node = file.root.located(in: file.name)
            case .inline(let text):
                guard let parsed = try? ConfigDocument.parse(text) else { continue }
                let location = SourceLocation(line: service.location.line, column: service.location.column, file: project.file.name)
                node = parsed.expandingPathKeys().placed(at: location)
            case .opaque:
                continue
            }
            root = root.map { $0.merging(node) } ?? node
        }
        guard let root, root.isMapping else { return nil }
        let base = first ?? project.file
        return ConfigFile(url: base.url, name: base.name, root: root, kind: .collector)
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

    /// Whether a collector file run by nothing the checker sees is a fragment of a configuration
    /// merged from several sources (more `--config` files, a supervisor's remote configuration):
    /// it has no `service` or no pipelines, a pipeline of only processors, pipelines whose
    /// receivers or exporters it does not define at all, or references to components another
    /// collector file defines. The rules about references then hold back.
    static func isFragment(_ file: ConfigFile, definedElsewhere elsewhere: [String: [String: String]]) -> Bool {
        let root = file.root
        guard let pipelines = root[path: ["service", "pipelines"]], !pipelines.entries.isEmpty else { return true }
        var defined: [String: Set<String>] = [:]
        for section in ["receivers", "exporters", "connectors"] { defined[section] = Set(root[section]?.entries.map(\.key) ?? []) }
        // Nothing to receive from or export to in the whole file: the rest comes from elsewhere.
        let sides = [["receivers", "connectors"], ["exporters", "connectors"]]
        if sides.contains(where: { $0.allSatisfy { defined[$0]?.isEmpty ?? true } }) { return true }
        for pipeline in pipelines.entries {
            let lists = [pipeline.value["receivers"]?.stringList ?? [], pipeline.value["exporters"]?.stringList ?? []]
            if lists.allSatisfy(\.isEmpty) { return true }
            for (ids, sections) in zip(lists, sides) {
                for id in ids where !sections.contains(where: { defined[$0]?.contains(id) ?? false }) {
                    if sections.contains(where: { elsewhere[$0]?[id] != nil }) { return true }
                }
            }
        }
        return false
    }

    /// The components the collector `files` define, by section and id, with the file that
    /// defines each.
    static func components(of files: [ConfigFile]) -> [String: [String: String]] {
        var defined: [String: [String: String]] = [:]
        for file in files {
            for section in ["receivers", "processors", "exporters", "extensions", "connectors"] {
                for entry in file.root[section]?.entries ?? [] where defined[section]?[entry.key] == nil {
                    defined[section, default: [:]][entry.key] = file.name
                }
            }
        }
        return defined
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
