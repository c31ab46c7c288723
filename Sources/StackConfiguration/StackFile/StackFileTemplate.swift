public import Foundation

/// A starter stack file for an existing compose project: its application services with their
/// published container ports, the roles of its observability services as inferred from their
/// images, and commented placeholders for the traffic and the expectations a team fills in.
public enum StackFileTemplate {
    /// The starter stack file for the compose file at `composeFile`, with paths relative to
    /// `folder` (where the stack file will be written).
    ///
    /// - Throws: `StackConfigurationError` when the compose file cannot be read.
    public static func fromCompose(_ composeFile: URL, relativeTo folder: URL) throws(StackConfigurationError) -> String {
        var loader = FileLoader()
        guard let file = loader.load(composeFile) else {
            throw StackConfigurationError(loader.findings.map(\.description).joined(separator: "; "))
        }
        let project = ComposeProject(file)
        guard !project.services.isEmpty else { throw StackConfigurationError("\(composeFile.path) defines no services") }
        func role(_ matches: (ImageKind) -> Bool) -> ComposeProject.Service? { project.services.first { matches($0.kind) } }
        let collector = role { if case .collector = $0 { true } else { false } }
        let prometheus = role { $0 == .prometheus }
        let jaeger = role { $0 == .jaeger }
        let grafana = role { $0 == .grafana }
        let applications = project.services.filter { $0.kind == .application }

        var lines = [
            "# Stack file for \(composeFile.lastPathComponent), written by `otel-harness scenarios init`.",
            "# Fill in the traffic and the expectations, then run:",
            "#   otel-harness scenarios --file <this file> --check          (validates, starts nothing)",
            "#   otel-harness scenarios --file <this file> --stack compose",
            "version: 1",
            "name: \(project.file.url.deletingLastPathComponent().lastPathComponent)",
            "",
            "services:",
        ]
        if applications.isEmpty { lines.append("  {}  # no application service found: add yours") }
        for service in applications {
            lines.append("  \(service.name):")
            lines.append("    compose_service: \(service.name)")
            if let port = service.publishedPorts.sorted().first {
                lines.append("    port: \(port)")
            } else {
                lines.append("    # port: 8080  # its container port; publish it in the compose file")
            }
        }
        let firstService = applications.first?.name ?? "api"
        lines += [
            "",
            "traffic:",
            "  home:",
            "    service: \(firstService)",
            "    method: GET",
            "    path: /",
            "",
            "expect:",
            "  traces:",
            "    - request: home",
            "      root: {name: GET /, kind: server, service: \(firstService)}",
            "  # metrics:",
            "  #   - {instrument: http.server.request.duration, kind: histogram, unit: s, service: \(firstService)}",
            "  # logs:",
            "  #   - {service: \(firstService), severity: info, request: home}",
            "",
            "resilience:",
            "  request: home",
            "",
            "compose:",
            "  files: [\(relativePath(composeFile, from: folder))]",
        ]
        if let collector { lines.append("  collector: \(collector.name)  # inferred from its image") }
        if let prometheus { lines.append("  prometheus: \(prometheus.name)  # inferred from its image") }
        if let jaeger { lines.append("  trace_backend: \(jaeger.name)  # inferred from its image") }
        if let grafana { lines.append("  grafana: \(grafana.name)  # inferred from its image") }
        lines.append("  # log_file: otel-output/logs.json  # a host folder the collector's file exporter writes to")
        if grafana != nil {
            lines += ["", "dashboards:", "  compose_file: \(relativePath(composeFile, from: folder))"]
            if let grafana, grafana.name != "grafana" { lines.append("  grafana_service: \(grafana.name)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `url`'s path relative to `folder` when inside it, absolute otherwise.
    static func relativePath(_ url: URL, from folder: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = folder.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}
