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
    /// An OpenTelemetry Collector builder (ocb) manifest (`dist:` and lists of `gomod:`
    /// modules): it defines a custom distribution, whose component set the checker cannot know.
    case collectorBuilderManifest
    /// None of the above (Kubernetes manifests, the output of `otelcol components`, …): not
    /// checked.
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
        // Kubernetes objects (a ConfigMap holding a collector configuration, a Deployment) and
        // the output of `otelcol components` (`buildinfo:` and lists of components) are not
        // configurations any component reads.
        if keys.contains("apiVersion") && keys.contains("kind") { return .other }
        if keys.contains("buildinfo") { return .other }
        if root["dist"]?.isMapping == true,
            ["receivers", "exporters", "extensions", "processors", "connectors"].contains(where: { root[$0]?.isSequence == true })
        {
            return .collectorBuilderManifest
        }
        let sections = ["receivers", "processors", "exporters", "extensions", "connectors"]
        if sections.contains(where: { root[$0] != nil && root[$0]?.isMapping != true && root[$0]?.isNull != true }) { return .other }
        if root["service"]?["pipelines"] != nil || (keys.contains("receivers") && keys.contains("exporters")) { return .collector }
        // A fragment of a configuration split over several `--config` files.
        if sections.contains(where: { root[$0]?.isMapping == true }) && keys.isSubset(of: Set(sections + ["service"])) { return .collector }
        if keys.contains("scrape_configs") || root["global"]?["scrape_interval"] != nil { return .prometheus }
        if keys.contains("datasources") || keys.contains("deleteDatasources") { return .grafanaDatasources }
        if keys.contains("providers") { return .grafanaDashboardProviders }
        return .other
    }
}
