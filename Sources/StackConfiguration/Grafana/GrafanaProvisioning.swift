import Crypto
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
        /// The Grafana folder it goes into.
        public var folder: String
        /// The names of its template variables.
        public var variables: Set<String>
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
        /// The type of its datasource (`prometheus`, `loki`, …), if it says.
        public var datasourceType: String?
        /// Its targets' queries (`expr`) with their datasource uids and places.
        public var queries: [Query]
    }

    /// A panel target's PromQL.
    public struct Query: Sendable {
        /// The expression as written.
        public var expr: String
        /// The datasource uid it runs on, its own or its panel's.
        public var datasourceUID: String?
        /// The type of that datasource, if the dashboard says.
        public var datasourceType: String?
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
    public internal(set) var datasources: [Datasource] = []
    /// The provisioned dashboards.
    public internal(set) var dashboards: [Dashboard] = []
    /// Everything found wrong.
    public internal(set) var findings: [Finding] = []
    /// The provisioning files and dashboards read, in order.
    package var sourceFiles: [ConfigFile] = []
    /// The findings that make Grafana skip or reject something.
    public var errors: [Finding] { findings.filter { $0.severity == .error } }

    package static let datasourcesFolder = "/etc/grafana/provisioning/datasources"
    package static let dashboardsFolder = "/etc/grafana/provisioning/dashboards"

    /// Reads the provisioning of `service` in `composeFile`.
    ///
    /// - Throws: ``StackConfigurationError`` when the compose file cannot be read or has no such service;
    ///   everything else wrong is a finding.
    public static func load(composeFile: URL, service name: String = "grafana") throws(StackConfigurationError) -> GrafanaProvisioning {
        var loader = FileLoader()
        guard let file = loader.load(composeFile) else {
            throw StackConfigurationError(loader.findings.map(\.description).joined(separator: "; "))
        }
        let project = ComposeProject(file)
        guard let service = project.service(name) else { throw StackConfigurationError("\(composeFile.path) has no service \(name)") }
        var provisioning = GrafanaProvisioning(project: project, service: service, loader: &loader)
        provisioning.findings.insert(contentsOf: loader.findings, at: 0)
        return provisioning
    }

    /// The provisioning of a compose service, read through its mounts (folders, or files
    /// mounted one by one into the provisioning folders).
    package init(project: ComposeProject, service: ComposeProject.Service, loader: inout FileLoader) {
        let compose = project.file.name
        /// The provisioning files in `folder`; a finding when nothing is mounted there: info, as
        /// a Grafana may well be set up otherwise (in its UI, by its entrypoint, in its image).
        func provisioningFiles(in folder: String, what: String) -> [URL] {
            let files = service.files(inContainerFolder: folder, extensions: ["yaml", "yml"])
            if files.isEmpty, service.hostPath(of: folder) == nil, !service.isBuilt {
                findings.append(
                    ConfigRules.grafanaProviderPathNotMounted.finding(
                        "nothing is mounted at or into \(folder) of \(service.name): no \(what) is provisioned from files",
                        in: compose,
                        at: service.location,
                        fix: "Mount the \(what) provisioning files (or their folder) at \(folder), unless Grafana is set up another way.",
                        severity: .info
                    )
                )
            }
            return files
        }
        for url in provisioningFiles(in: Self.datasourcesFolder, what: "datasource") {
            if let file = loader.load(url) { readDatasources(file) }
        }
        let providerFiles = provisioningFiles(in: Self.dashboardsFolder, what: "dashboard")
        for url in providerFiles {
            guard let file = loader.load(url) else { continue }
            for provider in readProviders(file, service: service) {
                for url in provider.dashboards {
                    // Grafana reads the provider's path recursively; with foldersFromFilesStructure
                    // each subfolder is a Grafana folder of its own.
                    let folder = provider.foldersFromFiles ? url.deletingLastPathComponent().path : provider.folder
                    if let dashboard = loader.load(url) { readDashboard(dashboard, folder: folder) }
                }
            }
        }
        checkDashboards()
    }

    /// The provisioning in files given directly: provider paths are not followed (there are no
    /// mounts to follow), and datasource uids are checked only when datasource files are given.
    package init(files: [ConfigFile]) {
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
    /// Whether the file has `apiVersion: 1`; a finding when not. Grafana reads a datasource file
    /// without it in the deprecated version-0 format, which has the same `datasources` list (a
    /// warning, and the file is read on); a provider file it reads as a version-0 list, which a
    /// `providers:` mapping is not (an error: nothing is provisioned).
    private mutating func hasAPIVersion(_ file: ConfigFile, readsWithout: Bool) -> Bool {
        let version = file.root.entry("apiVersion")
        guard version?.value.int == 1 else {
            let written = version.map { " (it has `apiVersion: \($0.value.string ?? "")`)" } ?? ""
            let message =
                readsWithout
                ? "has no `apiVersion: 1`\(written): Grafana reads it in the deprecated version-0 format and logs that it is outdated"
                : "needs `apiVersion: 1`: Grafana cannot read its `providers` otherwise and provisions none of its dashboards\(written)"
            findings.append(
                ConfigRules.grafanaAPIVersion.finding(
                    message,
                    in: file.name,
                    at: version?.keyLocation ?? .start,
                    severity: readsWithout ? .warning : nil
                )
            )
            return readsWithout
        }
        return true
    }

    private mutating func readDatasources(_ file: ConfigFile) {
        sourceFiles.append(file)
        guard hasAPIVersion(file, readsWithout: true) else { return }
        for (index, entry) in (file.root["datasources"]?.elements ?? []).enumerated() {
            guard let name = entry["name"]?.string, let type = entry["type"]?.string else {
                let what = entry["name"]?.string.map { "datasource \($0) has no type" } ?? "datasources[\(index)] has no name"
                findings.append(ConfigRules.grafanaDatasource.finding("\(what): Grafana rejects it", in: file.name, at: entry.location))
                continue
            }
            var uid = entry["uid"]?.string ?? ""
            if uid.isEmpty {
                uid = Self.derivedUID(ofDatasourceNamed: name)
                findings.append(
                    ConfigRules.grafanaDatasourceUIDMissing.finding(
                        "datasource \(name) has no uid: Grafana gives it \(uid), derived from its name (it changes if the name does)",
                        in: file.name,
                        at: entry.location
                    )
                )
            } else if datasources.contains(where: { $0.uid == uid }) {
                findings.append(
                    ConfigRules.grafanaDatasource.finding("datasource uid \(uid) is provisioned twice", in: file.name, at: entry["uid"]?.location)
                )
            }
            datasources.append(Datasource(uid: uid, name: name, type: type))
        }
    }

    /// The uid Grafana's provisioning gives a datasource without one: `P` and the first eight
    /// bytes of the SHA-256 of its name, in upper-case hex (`safeUIDFromName` in Grafana's
    /// pkg/services/provisioning/datasources). Stable across restarts, as long as the name is.
    package static func derivedUID(ofDatasourceNamed name: String) -> String {
        let digest = SHA256.hash(data: Data(name.utf8))
        return "P" + digest.prefix(8).map { String(format: "%02X", $0) }.joined()
    }

    /// A file provider: its Grafana folder and the dashboard files it reads.
    package struct FileProvider {
        var folder: String
        var foldersFromFiles: Bool
        var dashboards: [URL]
    }

    /// The file providers of a provider file, with the dashboards each reads through the
    /// mounts of `service`; without a service, paths are not followed (nothing to follow).
    private mutating func readProviders(_ file: ConfigFile, service: ComposeProject.Service?) -> [FileProvider] {
        sourceFiles.append(file)
        guard hasAPIVersion(file, readsWithout: false) else { return [] }
        var providers: [FileProvider] = []
        for (index, provider) in (file.root["providers"]?.elements ?? []).enumerated() {
            let name = provider["name"]?.string ?? "providers[\(index)]"
            guard (provider["type"]?.string ?? "file") == "file" else { continue }
            guard let path = provider[path: ["options", "path"]] else {
                findings.append(
                    ConfigRules.grafanaProviderPathNotMounted.finding(
                        "provider \(name) has no options.path: it provisions nothing",
                        in: file.name,
                        at: provider.location,
                        fix: "Set `options.path` to the folder the dashboards are mounted at."
                    )
                )
                continue
            }
            guard let service, let text = path.string else { continue }
            let dashboards = service.files(inContainerFolder: text, extensions: ["json"], recursive: true)
            if dashboards.isEmpty, service.hostPath(of: text) == nil {
                findings.append(
                    ConfigRules.grafanaProviderPathNotMounted.finding(
                        "provider \(name)'s path \(text) is not mounted into \(service.name): it provisions nothing",
                        in: file.name,
                        at: path.location
                    )
                )
                continue
            }
            providers.append(
                FileProvider(
                    folder: provider["folder"]?.string ?? "",
                    foldersFromFiles: provider[path: ["options", "foldersFromFilesStructure"]]?.bool == true,
                    dashboards: dashboards
                )
            )
        }
        return providers
    }

    // MARK: Dashboards

    private mutating func readDashboard(_ file: ConfigFile, folder: String) {
        sourceFiles.append(file)
        var root = file.root
        if let inner = root.entry("dashboard"), inner.value.isMapping, root["panels"] == nil {
            findings.append(
                ConfigRules.grafanaWrappedDashboard.finding(
                    #"is wrapped as {"dashboard": …}: the file provider reads the top level, finds no title and skips the file"#,
                    in: file.name,
                    at: inner.keyLocation
                )
            )
            // The rest is checked as the dashboard it becomes once unwrapped.
            root = inner.value
        }
        let uid = root["uid"]?.string ?? ""
        let title = root["title"]?.string ?? ""
        if title.isEmpty {
            findings.append(
                ConfigRules.grafanaDashboardIdentity.finding(
                    "has no title: Grafana skips it",
                    in: file.name,
                    at: root.entry("title")?.keyLocation ?? root.location
                )
            )
        }
        if uid.isEmpty {
            findings.append(
                ConfigRules.grafanaDashboardUIDMissing.finding(
                    "has no uid: Grafana makes up a new one each time, so links to it break",
                    in: file.name,
                    at: root.location
                )
            )
        } else if uid.count > Self.maximumUIDLength || !uid.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            findings.append(
                ConfigRules.grafanaDashboardIdentity.finding(
                    "uid `\(uid)` is rejected by Grafana: at most \(Self.maximumUIDLength) characters of A–Z, a–z, 0–9, - and _",
                    in: file.name,
                    at: root["uid"]?.location
                )
            )
        }
        // Panels, in rows or not; dashboards of the old schema keep them in `rows[].panels`.
        let panels = Self.panels(root["panels"]) + (root["rows"]?.elements ?? []).flatMap { Self.panels($0["panels"]) }
        let variables = Set((root[path: ["templating", "list"]]?.elements ?? []).compactMap { $0["name"]?.string })
        dashboards.append(
            Dashboard(
                file: file.url,
                fileName: file.name,
                uid: uid,
                uidLocation: root["uid"]?.location,
                title: title,
                titleLocation: root["title"]?.location,
                folder: folder,
                variables: variables,
                panels: panels
            )
        )
    }

    /// A panel's or target's datasource: `{"type": …, "uid": …}`, or a legacy name.
    private static func datasource(_ node: ConfigNode?) -> (uid: String?, type: String?) {
        guard let node else { return (nil, nil) }
        if let name = node.string { return (name, nil) }
        return (node["uid"]?.string, node["type"]?.string)
    }

    private static func panels(_ node: ConfigNode?) -> [Panel] {
        (node?.elements ?? []).flatMap { panel -> [Panel] in
            let type = panel["type"]?.string ?? ""
            if type == "row" { return panels(panel["panels"]) }
            let source = datasource(panel["datasource"])
            let queries = (panel["targets"]?.elements ?? []).compactMap { target -> Query? in
                guard let expr = target["expr"] else { return nil }
                let own = datasource(target["datasource"])
                return Query(
                    expr: expr.string ?? "",
                    datasourceUID: own.uid ?? source.uid,
                    datasourceType: own.type ?? (own.uid == nil ? source.type : nil),
                    location: expr.location
                )
            }
            return [
                Panel(
                    title: panel["title"]?.string ?? "",
                    type: type,
                    location: panel["type"]?.location ?? panel.location,
                    datasourceUID: source.uid,
                    datasourceType: source.type,
                    queries: queries
                )
            ]
        }
    }

    /// Grafana's built-in datasources, which are never provisioned.
    package static func isBuiltIn(uid: String, type: String?) -> Bool {
        uid.hasPrefix("-- ") || ["grafana", "dashboard", "mixed"].contains(uid) || ["datasource", "grafana", "dashboard"].contains(type ?? "")
    }

    /// The variable a datasource uid refers to (`$ds`, `${ds}`, `${ds:raw}`, `[[ds]]`), if it is one.
    package static func variable(in uid: String) -> String? {
        if uid.hasPrefix("${"), uid.hasSuffix("}") { return String(uid.dropFirst(2).dropLast().split(separator: ":").first ?? "") }
        if uid.hasPrefix("[["), uid.hasSuffix("]]") { return String(uid.dropFirst(2).dropLast(2)) }
        if uid.hasPrefix("$") { return String(uid.dropFirst()) }
        return nil
    }

    private mutating func checkDashboards() {
        for (uid, group) in Dictionary(grouping: dashboards.filter { !$0.uid.isEmpty }, by: \.uid) where group.count > 1 {
            for dashboard in group.dropFirst() {
                findings.append(
                    ConfigRules.grafanaDuplicateUID.finding(
                        "uid \(uid) is also used by \(group[0].fileName): Grafana provisions only one of them",
                        in: dashboard.fileName,
                        at: dashboard.uidLocation
                    )
                )
            }
        }
        let titled = dashboards.filter { !$0.title.isEmpty }
        for (_, group) in Dictionary(grouping: titled, by: { "\($0.folder)\u{0}\($0.title)" }) where group.count > 1 {
            for dashboard in group.dropFirst() {
                findings.append(
                    ConfigRules.grafanaDuplicateTitle.finding(
                        "title \"\(dashboard.title)\" is also used by \(group[0].fileName) in the same folder: Grafana rejects all but one",
                        in: dashboard.fileName,
                        at: dashboard.titleLocation
                    )
                )
            }
        }
        let known = Set(datasources.flatMap { [$0.uid, $0.name] })
        for dashboard in dashboards {
            for panel in dashboard.panels {
                if let replacement = Self.angularPanelReplacements[panel.type] {
                    findings.append(
                        ConfigRules.grafanaAngularPanel.finding(
                            "panel \"\(panel.title)\" has type \(panel.type), an Angular panel Grafana 12 removed",
                            in: dashboard.fileName,
                            at: panel.location,
                            fix: "Use the `\(replacement)` panel."
                        )
                    )
                }
                let references = [(panel.datasourceUID, panel.datasourceType)] + panel.queries.map { ($0.datasourceUID, $0.datasourceType) }
                var reported = Set<String>()
                for case let (uid?, type) in references where !Self.isBuiltIn(uid: uid, type: type) && reported.insert(uid).inserted {
                    if let name = Self.variable(in: uid) {
                        guard !dashboard.variables.contains(name) else { continue }
                        findings.append(
                            ConfigRules.grafanaUnknownDatasource.finding(
                                "panel \"\(panel.title)\" uses datasource \(uid), a variable the dashboard does not define: file provisioning does not resolve an exported dashboard's __inputs",
                                in: dashboard.fileName,
                                at: panel.location,
                                fix: "Use a provisioned datasource's uid, or define `\(name)` in `templating.list`."
                            )
                        )
                    } else if !datasources.isEmpty, !known.contains(uid) {
                        findings.append(
                            ConfigRules.grafanaUnknownDatasource.finding(
                                "panel \"\(panel.title)\" uses datasource uid \(uid), which is not provisioned (provisioned: \(datasources.map(\.uid).filter { !$0.isEmpty }.sorted().joined(separator: ", ")))",
                                in: dashboard.fileName,
                                at: panel.location
                            )
                        )
                    }
                }
            }
        }
    }
}
