package import Foundation

/// What a configuration file configures, told from its content.
public enum ConfigKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// A docker compose file (`services:` of images or builds).
    case compose
    /// An OpenTelemetry Collector configuration (`service: pipelines:` or component sections).
    case collector
    /// A Prometheus server configuration (`scrape_configs:`).
    case prometheus
    /// A Grafana datasource provisioning file (`datasources:`).
    case grafanaDatasources
    /// A Grafana dashboard provider file (`providers:`).
    case grafanaDashboardProviders
    /// A Grafana dashboard (JSON with `panels`, or wrapped as `{"dashboard": …}`).
    case grafanaDashboard
    /// None of the above: not checked.
    case other

    /// The kind of a parsed file.
    package static func of(_ root: ConfigNode, url: URL) -> ConfigKind {
        let keys = Set(root.entries.map(\.key))
        if url.pathExtension.lowercased() == "json" {
            if keys.contains("panels") || (keys.contains("title") && keys.contains("schemaVersion")) { return .grafanaDashboard }
            if let inner = root["dashboard"], inner.isMapping, root["panels"] == nil { return .grafanaDashboard }
            return .other
        }
        if let services = root["services"], services.isMapping,
            services.entries.contains(where: { $0.value["image"] != nil || $0.value["build"] != nil })
        {
            return .compose
        }
        if root["service"]?["pipelines"] != nil || (keys.contains("receivers") && keys.contains("exporters")) { return .collector }
        if keys.contains("scrape_configs") || root["global"]?["scrape_interval"] != nil { return .prometheus }
        if keys.contains("datasources") || keys.contains("deleteDatasources") { return .grafanaDatasources }
        if keys.contains("providers") { return .grafanaDashboardProviders }
        return .other
    }
}
