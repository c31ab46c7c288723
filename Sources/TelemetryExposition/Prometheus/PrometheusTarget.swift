import TelemetryModel

/// How the exporter derives `job` and `instance` from a resource (`utils.go`).
enum PrometheusTarget {
    /// `service.namespace/service.name`, or `service.name` alone; `nil` without `service.name`.
    static func job(of resource: Attributes) -> String? {
        guard let name = resource["service.name"] else { return nil }
        if let namespace = resource["service.namespace"] {
            return namespace.goString + "/" + name.goString
        }
        return name.goString
    }

    /// `service.instance.id`; `nil` without it.
    static func instance(of resource: Attributes) -> String? {
        resource["service.instance.id"]?.goString
    }

    /// The key target_info is deduplicated by; `nil` (no target_info) unless both `job` and
    /// `instance` are present and non-empty.
    static func signature(of resource: Attributes) -> String? {
        guard let job = job(of: resource), let instance = instance(of: resource),
            !job.isEmpty, !instance.isEmpty
        else { return nil }
        return job + "\u{FF}" + instance
    }

    /// The resource attributes that do not become `job` or `instance`.
    static let identifyingKeys: Set<String> = ["service.name", "service.namespace", "service.instance.id"]
}
