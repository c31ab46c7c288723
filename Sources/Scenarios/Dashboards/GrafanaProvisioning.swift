public import Foundation
import Yams

/// What Grafana would provision from a compose file's `grafana` service: its datasources and
/// its dashboards, read from the host folders mounted into the container, checked against the
/// rules Grafana's provisioning applies, with every problem found.
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
        /// Its uid.
        public var uid: String
        /// Its title.
        public var title: String
        /// Its panels, rows' nested panels included.
        public var panels: [Panel]
    }

    /// A dashboard panel and its queries.
    public struct Panel: Sendable {
        /// Its title.
        public var title: String
        /// Its type, for example `timeseries`.
        public var type: String
        /// The uid of its datasource, if it names one.
        public var datasourceUID: String?
        /// Its targets' queries (`expr`) with their datasource uids.
        public var queries: [(expr: String, datasourceUID: String?)]
    }

    /// One thing Grafana would reject or that would leave a panel without data.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The file concerned.
        public var file: String
        /// What is wrong.
        public var message: String

        public var description: String { "\(file): \(message)" }
    }

    /// Panel types Grafana 12 no longer has (Angular panels, removed).
    public static let removedPanelTypes: Set<String> = ["graph", "singlestat", "table-old", "grafana-piechart-panel", "grafana-worldmap-panel"]
    /// Grafana's limit on a dashboard uid's length.
    public static let maximumUIDLength = 40

    /// The provisioned datasources.
    public var datasources: [Datasource] = []
    /// The provisioned dashboards.
    public var dashboards: [Dashboard] = []
    /// Everything wrong.
    public var problems: [Problem] = []

    static let datasourcesFolder = "/etc/grafana/provisioning/datasources"
    static let dashboardsFolder = "/etc/grafana/provisioning/dashboards"

    /// Reads the provisioning of `service` in `composeFile`.
    ///
    /// - Throws: ``ScenarioFailure`` when the compose file cannot be read or has no such
    ///   service; everything else wrong is a ``problems`` entry.
    public static func load(composeFile: URL, service: String = "grafana") throws -> GrafanaProvisioning {
        let compose = try yaml(composeFile)
        guard let services = compose["services"] as? [String: Any], let grafana = services[service] as? [String: Any] else {
            throw ScenarioFailure("\(composeFile.path) has no service \(service)")
        }
        let mounts = Self.mounts(grafana["volumes"], relativeTo: composeFile.deletingLastPathComponent())
        var provisioning = GrafanaProvisioning()
        let composeName = composeFile.lastPathComponent

        // Datasources.
        if let folder = hostPath(of: datasourcesFolder, in: mounts) {
            for file in yamlFiles(in: folder) {
                provisioning.readDatasources(file)
            }
        } else {
            provisioning.problems.append(Problem(file: composeName, message: "\(datasourcesFolder) is not mounted into \(service): no datasource is provisioned"))
        }
        // Dashboard providers, and the dashboards in their folders.
        if let folder = hostPath(of: dashboardsFolder, in: mounts) {
            for file in yamlFiles(in: folder) {
                provisioning.readProviders(file, mounts: mounts, service: service)
            }
        } else {
            provisioning.problems.append(Problem(file: composeName, message: "\(dashboardsFolder) is not mounted into \(service): no dashboard is provisioned"))
        }
        provisioning.checkDashboards()
        return provisioning
    }

    // MARK: Datasources

    /// A provisioning file's YAML, or `nil` (and a problem) when Grafana would skip it.
    private mutating func provisioningDocument(_ file: URL) -> [String: Any]? {
        let name = file.lastPathComponent
        guard let document = try? Self.yaml(file) else {
            problems.append(Problem(file: name, message: "is not valid YAML"))
            return nil
        }
        guard document["apiVersion"] as? Int == 1 else {
            problems.append(Problem(file: name, message: "needs `apiVersion: 1` (Grafana skips the file)"))
            return nil
        }
        return document
    }

    private mutating func readDatasources(_ file: URL) {
        let name = file.lastPathComponent
        guard let document = provisioningDocument(file) else { return }
        for (index, entry) in ((document["datasources"] as? [[String: Any]]) ?? []).enumerated() {
            guard let dsName = entry["name"] as? String, let type = entry["type"] as? String else {
                problems.append(Problem(file: name, message: "datasources[\(index)] needs a name and a type"))
                continue
            }
            let uid = entry["uid"] as? String ?? ""
            if uid.isEmpty { problems.append(Problem(file: name, message: "datasource \(dsName) has no uid: dashboards cannot refer to it stably")) }
            if datasources.contains(where: { $0.uid == uid && !uid.isEmpty }) {
                problems.append(Problem(file: name, message: "datasource uid \(uid) is provisioned twice"))
            }
            datasources.append(Datasource(uid: uid, name: dsName, type: type))
        }
    }

    // MARK: Dashboards

    private mutating func readProviders(_ file: URL, mounts: [(container: String, host: URL)], service: String) {
        let name = file.lastPathComponent
        guard let document = provisioningDocument(file) else { return }
        for (index, provider) in ((document["providers"] as? [[String: Any]]) ?? []).enumerated() {
            let providerName = provider["name"] as? String ?? "providers[\(index)]"
            guard (provider["type"] as? String ?? "file") == "file" else { continue }
            guard let path = (provider["options"] as? [String: Any])?["path"] as? String else {
                problems.append(Problem(file: name, message: "provider \(providerName) has no options.path"))
                continue
            }
            guard let folder = Self.hostPath(of: path, in: mounts) else {
                problems.append(Problem(file: name, message: "provider \(providerName)'s path \(path) is not mounted into \(service): it provisions nothing"))
                continue
            }
            let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
            for dashboard in files.filter({ $0.pathExtension == "json" }).sorted(by: { $0.path < $1.path }) {
                readDashboard(dashboard)
            }
        }
    }

    private mutating func readDashboard(_ file: URL) {
        let name = file.lastPathComponent
        guard let data = FileManager.default.contents(atPath: file.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            problems.append(Problem(file: name, message: "is not a JSON object"))
            return
        }
        if object["dashboard"] is [String: Any], object["panels"] == nil {
            problems.append(Problem(file: name, message: #"is wrapped as {"dashboard": …}; the file provider needs the bare dashboard JSON"#))
            return
        }
        let uid = object["uid"] as? String ?? ""
        let title = object["title"] as? String ?? ""
        if uid.isEmpty { problems.append(Problem(file: name, message: "has no uid: Grafana makes up a new one, so links to it break")) }
        if uid.count > Self.maximumUIDLength { problems.append(Problem(file: name, message: "uid \(uid) is longer than \(Self.maximumUIDLength) characters")) }
        if title.isEmpty { problems.append(Problem(file: name, message: "has no title: Grafana rejects it")) }
        let panels = Self.panels(object["panels"])
        dashboards.append(Dashboard(file: file, uid: uid, title: title, panels: panels))
    }

    private static func panels(_ value: Any?) -> [Panel] {
        ((value as? [[String: Any]]) ?? []).flatMap { panel -> [Panel] in
            let type = panel["type"] as? String ?? ""
            if type == "row" { return panels(panel["panels"]) }
            let datasource = (panel["datasource"] as? [String: Any])?["uid"] as? String
            let queries = ((panel["targets"] as? [[String: Any]]) ?? []).compactMap { target -> (String, String?)? in
                guard let expr = target["expr"] as? String else { return nil }
                return (expr, (target["datasource"] as? [String: Any])?["uid"] as? String ?? datasource)
            }
            return [Panel(title: panel["title"] as? String ?? "", type: type, datasourceUID: datasource, queries: queries)]
        }
    }

    private mutating func checkDashboards() {
        if dashboards.isEmpty && problems.isEmpty { problems.append(Problem(file: "provisioning", message: "no dashboard is provisioned")) }
        let known = Set(datasources.map(\.uid))
        for (uid, group) in Dictionary(grouping: dashboards.filter { !$0.uid.isEmpty }, by: \.uid) where group.count > 1 {
            problems.append(Problem(file: group.map(\.file.lastPathComponent).joined(separator: ", "), message: "share the uid \(uid); Grafana keeps one"))
        }
        for (title, group) in Dictionary(grouping: dashboards.filter { !$0.title.isEmpty }, by: \.title) where group.count > 1 {
            problems.append(Problem(file: group.map(\.file.lastPathComponent).joined(separator: ", "), message: "share the title \(title) in one folder; Grafana rejects all but one"))
        }
        for dashboard in dashboards {
            let name = dashboard.file.lastPathComponent
            for panel in dashboard.panels {
                if Self.removedPanelTypes.contains(panel.type) {
                    problems.append(Problem(file: name, message: "panel \"\(panel.title)\" has type \(panel.type), an Angular panel Grafana 12 removed (use timeseries or stat)"))
                }
                let uids = Set(([panel.datasourceUID] + panel.queries.map(\.datasourceUID)).compactMap { $0 })
                for uid in uids where !known.contains(uid) && !uid.hasPrefix("-- ") && !uid.hasPrefix("$") {
                    problems.append(Problem(file: name, message: "panel \"\(panel.title)\" uses datasource uid \(uid), which is not provisioned (provisioned: \(known.sorted().joined(separator: ", ")))"))
                }
            }
        }
    }

    // MARK: Files

    static func yaml(_ file: URL) throws -> [String: Any] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { throw ScenarioFailure("cannot read \(file.path)") }
        do {
            return try Yams.load(yaml: text) as? [String: Any] ?? [:]
        } catch {
            throw ScenarioFailure("\(file.path) is not valid YAML: \(error)")
        }
    }

    private static func yamlFiles(in folder: URL) -> [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { ["yaml", "yml"].contains($0.pathExtension) }.sorted { $0.path < $1.path }
    }

    /// Bind mounts of a compose service: `host:container[:mode]` strings or long-form maps.
    static func mounts(_ volumes: Any?, relativeTo base: URL) -> [(container: String, host: URL)] {
        ((volumes as? [Any]) ?? []).compactMap { volume -> (String, URL)? in
            let source: String
            let target: String
            if let short = volume as? String {
                let parts = short.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 2 else { return nil }
                (source, target) = (parts[0], parts[1])
            } else if let long = volume as? [String: Any], let s = long["source"] as? String, let t = long["target"] as? String {
                (source, target) = (s, t)
            } else {
                return nil
            }
            guard source.hasPrefix(".") || source.hasPrefix("/") else { return nil }  // named volumes hold no files of ours
            let host = source.hasPrefix("/") ? URL(fileURLWithPath: source) : base.appendingPathComponent(source)
            return (target.hasSuffix("/") ? String(target.dropLast()) : target, host.standardizedFileURL)
        }
    }

    /// The host path behind `containerPath`, through the longest mount that contains it.
    static func hostPath(of containerPath: String, in mounts: [(container: String, host: URL)]) -> URL? {
        let path = containerPath.hasSuffix("/") ? String(containerPath.dropLast()) : containerPath
        let mount = mounts.filter { path == $0.container || path.hasPrefix($0.container + "/") }.max { $0.container.count < $1.container.count }
        guard let mount else { return nil }
        let rest = path.dropFirst(mount.container.count)
        return rest.isEmpty ? mount.host : mount.host.appendingPathComponent(String(rest.dropFirst()))
    }
}
