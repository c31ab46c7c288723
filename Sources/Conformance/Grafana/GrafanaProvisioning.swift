public import Foundation

/// What Grafana would provision: its datasources and its dashboards, read from provisioning
/// files (through a compose file's mounts, or given directly), with every finding of Grafana's
/// provisioning rules.
public struct GrafanaProvisioning: Sendable {
    /// A provisioned datasource.
    public struct Datasource: Sendable, Hashable {
        /// Its uid.
        public var uid: String
        /// Its name.
        public var name: String
        /// Its type, for example `prometheus`.
        public var type: String
    }

    /// A dashboard from a file provider.
    public struct Dashboard: Sendable {
        /// The file it was read from.
        public var file: URL
        /// The name findings use for the file.
        public var fileName: String
        /// Its uid.
        public var uid: String
        /// Where its uid is written.
        public var uidLocation: SourceLocation?
        /// Its title.
        public var title: String
        /// Where its title is written.
        public var titleLocation: SourceLocation?
        /// The provider folder it goes into.
        public var folder: String
        /// Its panels, rows' nested panels included.
        public var panels: [Panel]
    }

    /// A dashboard panel and its queries.
    public struct Panel: Sendable {
        /// Its title.
        public var title: String
        /// Its type, for example `timeseries`.
        public var type: String
        /// Where its type is written.
        public var location: SourceLocation
        /// The uid (or legacy name) of its datasource, if it names one.
        public var datasourceUID: String?
        /// Its targets' queries (`expr`) with their datasource uids and places.
        public var queries: [Query]
    }

    /// A panel target's PromQL.
    public struct Query: Sendable {
        /// The expression as written.
        public var expr: String
        /// The datasource uid it runs on, its own or its panel's.
        public var datasourceUID: String?
        /// Where the expression is written.
        public var location: SourceLocation
    }

    /// Angular panel types Grafana 12 removed, with the type that replaces each.
    public static let angularPanelReplacements: [String: String] = [
        "graph": "timeseries", "singlestat": "stat", "grafana-singlestat-panel": "stat", "table-old": "table",
        "grafana-piechart-panel": "piechart", "grafana-worldmap-panel": "geomap", "natel-discrete-panel": "state-timeline",
    ]
    /// Grafana's limit on a dashboard uid's length.
    public static let maximumUIDLength = 40

    /// The provisioned datasources.
    public var datasources: [Datasource] = []
    /// The provisioned dashboards.
    public var dashboards: [Dashboard] = []
    /// Everything found wrong.
    public var findings: [Finding] = []
    /// The findings that make Grafana skip or reject something.
    public var errors: [Finding] { findings.filter { $0.severity == .error } }

    static let datasourcesFolder = "/etc/grafana/provisioning/datasources"
    static let dashboardsFolder = "/etc/grafana/provisioning/dashboards"

    /// Reads the provisioning of `service` in `composeFile`.
    ///
    /// - Throws: ``ConformanceError`` when the compose file cannot be read or has no such service;
    ///   everything else wrong is a finding.
    public static func load(composeFile: URL, service name: String = "grafana") throws(ConformanceError) -> GrafanaProvisioning {
        var loader = FileLoader()
        guard let file = loader.load(composeFile) else {
            throw ConformanceError(loader.findings.map(\.description).joined(separator: "; "))
        }
        let project = ComposeProject(file)
        guard let service = project.service(name) else { throw ConformanceError("\(composeFile.path) has no service \(name)") }
        var provisioning = GrafanaProvisioning(project: project, service: service, loader: &loader)
        provisioning.findings.insert(contentsOf: loader.findings, at: 0)
        return provisioning
    }

    /// The provisioning of a compose service, read through its mounts.
    init(project: ComposeProject, service: ComposeProject.Service, loader: inout FileLoader) {
        let compose = project.file.name
        if let folder = service.hostPath(of: Self.datasourcesFolder) {
            for url in Self.files(in: folder, extensions: ["yaml", "yml"]) {
                if let file = loader.load(url) { readDatasources(file) }
            }
        } else {
            findings.append(ConfigRules.grafanaProviderPathNotMounted.finding(
                "\(Self.datasourcesFolder) is not mounted into \(service.name): no datasource is provisioned", in: compose, at: service.location))
        }
        if let folder = service.hostPath(of: Self.dashboardsFolder) {
            for url in Self.files(in: folder, extensions: ["yaml", "yml"]) {
                guard let file = loader.load(url) else { continue }
                for (folderName, dashboardsFolder) in readProviders(file, service: service) {
                    for url in Self.files(in: dashboardsFolder, extensions: ["json"]) {
                        if let dashboard = loader.load(url) { readDashboard(dashboard, folder: folderName) }
                    }
                }
            }
        } else {
            findings.append(ConfigRules.grafanaProviderPathNotMounted.finding(
                "\(Self.dashboardsFolder) is not mounted into \(service.name): no dashboard is provisioned", in: compose, at: service.location))
        }
        checkDashboards()
    }

    /// The provisioning in files given directly: provider paths are not followed (there are no
    /// mounts to follow), and datasource uids are checked only when datasource files are given.
    init(files: [ConfigFile]) {
        for file in files {
            switch file.kind {
            case .grafanaDatasources: readDatasources(file)
            case .grafanaDashboardProviders: _ = readProviders(file, service: nil)
            case .grafanaDashboard: readDashboard(file, folder: file.url.deletingLastPathComponent().path)
            default: break
            }
        }
        checkDashboards()
    }

    // MARK: Provisioning files

    /// Whether a provisioning file has `apiVersion: 1`; a finding when it does not.
    private mutating func hasAPIVersion(_ file: ConfigFile) -> Bool {
        let version = file.root.entry("apiVersion")
        guard version?.value.int == 1 else {
            let written = version.map { " (it has `apiVersion: \($0.value.string ?? "")`)" } ?? ""
            findings.append(ConfigRules.grafanaAPIVersion.finding("needs `apiVersion: 1`: Grafana skips the file\(written)", in: file.name, at: version?.keyLocation ?? .start))
            return false
        }
        return true
    }

    private mutating func readDatasources(_ file: ConfigFile) {
        guard hasAPIVersion(file) else { return }
        for (index, entry) in (file.root["datasources"]?.elements ?? []).enumerated() {
            guard let name = entry["name"]?.string, let type = entry["type"]?.string else {
                let what = entry["name"]?.string.map { "datasource \($0) has no type" } ?? "datasources[\(index)] has no name"
                findings.append(ConfigRules.grafanaDatasource.finding("\(what): Grafana rejects it", in: file.name, at: entry.location))
                continue
            }
            let uid = entry["uid"]?.string ?? ""
            if uid.isEmpty {
                findings.append(ConfigRules.grafanaDatasource.finding("datasource \(name) has no uid: dashboards cannot refer to it stably", in: file.name, at: entry.location,
                                                                      severity: .warning))
            } else if datasources.contains(where: { $0.uid == uid }) {
                findings.append(ConfigRules.grafanaDatasource.finding("datasource uid \(uid) is provisioned twice", in: file.name, at: entry["uid"]?.location))
            }
            datasources.append(Datasource(uid: uid, name: name, type: type))
        }
    }

    /// The folders of a provider file's file providers, as host paths (with their Grafana
    /// folder names); with `service`, paths that are not mounted are findings.
    private mutating func readProviders(_ file: ConfigFile, service: ComposeProject.Service?) -> [(String, URL)] {
        guard hasAPIVersion(file) else { return [] }
        var folders: [(String, URL)] = []
        for (index, provider) in (file.root["providers"]?.elements ?? []).enumerated() {
            let name = provider["name"]?.string ?? "providers[\(index)]"
            guard (provider["type"]?.string ?? "file") == "file" else { continue }
            guard let path = provider[path: ["options", "path"]] else {
                findings.append(ConfigRules.grafanaProviderPathNotMounted.finding("provider \(name) has no options.path: it provisions nothing", in: file.name, at: provider.location))
                continue
            }
            guard let service, let text = path.string else { continue }
            guard let host = service.hostPath(of: text) else {
                findings.append(ConfigRules.grafanaProviderPathNotMounted.finding(
                    "provider \(name)'s path \(text) is not mounted into \(service.name): it provisions nothing", in: file.name, at: path.location))
                continue
            }
            folders.append((provider["folder"]?.string ?? "", host))
        }
        return folders
    }

    // MARK: Dashboards

    private mutating func readDashboard(_ file: ConfigFile, folder: String) {
        let root = file.root
        if let inner = root.entry("dashboard"), inner.value.isMapping, root["panels"] == nil {
            findings.append(ConfigRules.grafanaWrappedDashboard.finding(
                #"is wrapped as {"dashboard": …}: the file provider reads the top level, finds no title and skips the file"#, in: file.name, at: inner.keyLocation))
            return
        }
        let uid = root["uid"]?.string ?? ""
        let title = root["title"]?.string ?? ""
        if title.isEmpty {
            findings.append(ConfigRules.grafanaDashboardIdentity.finding("has no title: Grafana skips it", in: file.name, at: root.entry("title")?.keyLocation ?? root.location))
        }
        if uid.isEmpty {
            findings.append(ConfigRules.grafanaDashboardIdentity.finding("has no uid: Grafana makes up a new one each time, so links to it break", in: file.name,
                                                                         at: root.location, severity: .warning))
        } else if uid.count > Self.maximumUIDLength || !uid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            findings.append(ConfigRules.grafanaDashboardIdentity.finding(
                "uid `\(uid)` is rejected by Grafana: at most \(Self.maximumUIDLength) characters of A–Z, a–z, 0–9, - and _", in: file.name, at: root["uid"]?.location))
        }
        dashboards.append(Dashboard(
            file: file.url, fileName: file.name, uid: uid, uidLocation: root["uid"]?.location, title: title, titleLocation: root["title"]?.location,
            folder: folder, panels: Self.panels(root["panels"])))
    }

    private static func datasourceUID(_ node: ConfigNode?) -> String? {
        guard let node else { return nil }
        return node["uid"]?.string ?? node.string
    }

    private static func panels(_ node: ConfigNode?) -> [Panel] {
        (node?.elements ?? []).flatMap { panel -> [Panel] in
            let type = panel["type"]?.string ?? ""
            if type == "row" { return panels(panel["panels"]) }
            let datasource = datasourceUID(panel["datasource"])
            let queries = (panel["targets"]?.elements ?? []).compactMap { target -> Query? in
                guard let expr = target["expr"] else { return nil }
                return Query(expr: expr.string ?? "", datasourceUID: datasourceUID(target["datasource"]) ?? datasource, location: expr.location)
            }
            return [Panel(title: panel["title"]?.string ?? "", type: type, location: panel["type"]?.location ?? panel.location, datasourceUID: datasource, queries: queries)]
        }
    }

    private mutating func checkDashboards() {
        for (uid, group) in Dictionary(grouping: dashboards.filter { !$0.uid.isEmpty }, by: \.uid) where group.count > 1 {
            for dashboard in group.dropFirst() {
                findings.append(ConfigRules.grafanaDuplicateUID.finding(
                    "uid \(uid) is also used by \(group[0].fileName): Grafana provisions only one of them", in: dashboard.fileName, at: dashboard.uidLocation))
            }
        }
        let titled = dashboards.filter { !$0.title.isEmpty }
        for (_, group) in Dictionary(grouping: titled, by: { "\($0.folder)\u{0}\($0.title)" }) where group.count > 1 {
            for dashboard in group.dropFirst() {
                findings.append(ConfigRules.grafanaDuplicateTitle.finding(
                    "title \"\(dashboard.title)\" is also used by \(group[0].fileName) in the same folder: Grafana rejects all but one", in: dashboard.fileName, at: dashboard.titleLocation))
            }
        }
        let known = Set(datasources.flatMap { [$0.uid, $0.name] })
        for dashboard in dashboards {
            for panel in dashboard.panels {
                if let replacement = Self.angularPanelReplacements[panel.type] {
                    findings.append(ConfigRules.grafanaAngularPanel.finding(
                        "panel \"\(panel.title)\" has type \(panel.type), an Angular panel Grafana 12 removed", in: dashboard.fileName, at: panel.location,
                        fix: "Use the `\(replacement)` panel."))
                }
                guard !datasources.isEmpty else { continue }
                let uids = Set(([panel.datasourceUID] + panel.queries.map(\.datasourceUID)).compactMap { $0 })
                for uid in uids.sorted() where !known.contains(uid) && !uid.hasPrefix("-- ") && !uid.hasPrefix("$") {
                    findings.append(ConfigRules.grafanaUnknownDatasource.finding(
                        "panel \"\(panel.title)\" uses datasource uid \(uid), which is not provisioned (provisioned: \(datasources.map(\.uid).filter { !$0.isEmpty }.sorted().joined(separator: ", ")))",
                        in: dashboard.fileName, at: panel.location))
                }
            }
        }
    }

    // MARK: Files

    /// The files of a folder with one of `extensions`, sorted; dot-files and dot-folders skipped.
    static func files(in folder: URL, extensions: Set<String>) -> [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])) ?? []
        return files.filter { extensions.contains($0.pathExtension.lowercased()) }.sorted { $0.path < $1.path }
    }
}
