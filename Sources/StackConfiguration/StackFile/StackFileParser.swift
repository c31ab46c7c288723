import Foundation

/// Builds a ``StackFile`` from its YAML tree, key by key, and checks what refers to what.
struct StackFileParser {
    var reader: StackFileReader

    static let topLevelKeys = ["version", "name", "services", "traffic", "expect", "resilience", "dashboards", "compose", "external"]
    static let spanKinds = ["server", "client", "internal", "producer", "consumer"]
    static let statuses = ["ok", "error", "unset"]
    static let metricKinds = ["counter", "updowncounter", "gauge", "histogram"]
    static let severities = ["trace", "debug", "info", "warn", "error", "fatal"]
    static let faults = ["stopped", "black_hole", "unavailable"]

    mutating func stack(_ root: ConfigNode, folder: URL, defaultName: String) -> StackFile? {
        guard let keys = reader.mapping(root, "the stack file", known: Self.topLevelKeys) else { return nil }
        let version: Int
        if let node = keys["version"] {
            guard let value = reader.int(node, "version") else { return nil }
            guard StackFile.supportedVersions.contains(value) else {
                reader.problem(
                    "version \(value) is not supported; this harness reads version \(StackFile.supportedVersions.map(String.init).joined(separator: ", "))",
                    at: node.location
                )
                return nil
            }
            version = value
        } else {
            reader.problem("version is missing: write `version: 1` at the top", at: root.location)
            version = 1
        }
        let services = keys["services"].map { readServices($0) } ?? []
        let traffic = keys["traffic"].map { readTraffic($0) } ?? []
        let expectations = keys["expect"].map { readExpectations($0) } ?? StackExpectations()
        let name = reader.string(keys["name"], "name") ?? defaultName
        let resilience = keys["resilience"].flatMap { readResilience($0) }
        let dashboards = keys["dashboards"].flatMap { readDashboards($0) }
        let compose = keys["compose"].flatMap { readCompose($0) }
        let external = keys["external"].flatMap { readExternal($0) }
        var stack = StackFile(
            version: version,
            name: name,
            folder: folder,
            services: services,
            traffic: traffic,
            expectations: expectations,
            resilience: resilience,
            dashboards: dashboards,
            compose: compose,
            external: external
        )
        checkReferences(&stack, root: root)
        return stack
    }

    // MARK: Services and traffic

    mutating func readServices(_ node: ConfigNode) -> [StackService] {
        let known = ["command", "working_dir", "environment", "ready", "compose_service", "port", "url"]
        return reader.namedEntries(node, "services").compactMap { entry -> StackService? in
            let path = "services.\(entry.key)"
            guard let keys = reader.mapping(entry.value, path, known: known) else { return nil }
            var service = StackService(name: entry.key, location: entry.keyLocation)
            service.command = reader.words(keys["command"], "\(path).command") ?? []
            service.workingDirectory = reader.string(keys["working_dir"], "\(path).working_dir")
            service.environment = reader.stringMap(keys["environment"], "\(path).environment") ?? [:]
            if let ready = keys["ready"], let readyKeys = reader.mapping(ready, "\(path).ready", known: ["health_path", "port_file", "timeout"]) {
                if let healthPath = reader.string(readyKeys["health_path"], "\(path).ready.health_path") {
                    service.readiness = .healthPath(healthPath)
                    if readyKeys["port_file"] != nil {
                        reader.problem("\(path).ready takes health_path or port_file, not both", at: ready.location)
                    }
                } else if reader.bool(readyKeys["port_file"], "\(path).ready.port_file") == true {
                    service.readiness = .portFile
                }
                service.startTimeout = reader.duration(readyKeys["timeout"], "\(path).ready.timeout") ?? service.startTimeout
            }
            service.composeService = reader.string(keys["compose_service"], "\(path).compose_service") ?? entry.key
            service.containerPort = reader.int(keys["port"], "\(path).port", range: 1...65535)
            service.url = reader.string(keys["url"], "\(path).url")
            return service
        }
    }

    mutating func readTraffic(_ node: ConfigNode) -> [TrafficRequest] {
        let known = ["service", "method", "path", "headers", "body", "count", "expect_status"]
        return reader.namedEntries(node, "traffic").compactMap { entry -> TrafficRequest? in
            let path = "traffic.\(entry.key)"
            guard let keys = reader.mapping(entry.value, path, known: known),
                let service = reader.requiredString(keys["service"], "\(path).service", in: entry.value)
            else { return nil }
            var request = TrafficRequest(name: entry.key, service: service, location: entry.keyLocation)
            request.method = reader.choice(keys["method"], "\(path).method", ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]) ?? "GET"
            request.path = reader.string(keys["path"], "\(path).path") ?? "/"
            if !request.path.hasPrefix("/") { reader.problem("\(path).path must start with /, not `\(request.path)`", at: keys["path"]?.location) }
            request.headers = reader.stringMap(keys["headers"], "\(path).headers") ?? [:]
            request.body = reader.string(keys["body"], "\(path).body")
            request.count = reader.int(keys["count"], "\(path).count", range: 1...100_000) ?? 1
            request.expectedStatus = reader.int(keys["expect_status"], "\(path).expect_status", range: 100...599)
            return request
        }
    }

    // MARK: Expectations

    mutating func readExpectations(_ node: ConfigNode) -> StackExpectations {
        var expectations = StackExpectations()
        guard let keys = reader.mapping(node, "expect", known: ["traces", "metrics", "logs"]) else { return expectations }
        expectations.traces = list(keys["traces"], "expect.traces").compactMap { element, path in
            guard let keys = reader.mapping(element, path, known: ["request", "root"]),
                let request = reader.requiredString(keys["request"], "\(path).request", in: element)
            else { return nil }
            guard let rootNode = keys["root"] else {
                reader.problem("\(path).root is missing: the span tree the request must yield", at: element.location)
                return nil
            }
            return readSpan(rootNode, "\(path).root").map { TraceExpectation(request: request, root: $0, location: element.location) }
        }
        expectations.metrics = list(keys["metrics"], "expect.metrics").compactMap { element, path in
            guard let keys = reader.mapping(element, path, known: ["instrument", "kind", "unit", "service", "promql", "compare"]) else { return nil }
            if let promQL = reader.string(keys["promql"], "\(path).promql") {
                if keys["instrument"] != nil { reader.problem("\(path) takes instrument or promql, not both", at: element.location) }
                let comparison = reader.string(keys["compare"], "\(path).compare") ?? "> 0"
                if StackFileComparison.parse(comparison) == nil {
                    reader.problem(
                        "\(path).compare must be an operator and a number such as `> 0` or `== 3`, not `\(comparison)`",
                        at: keys["compare"]?.location
                    )
                }
                return MetricExpectation(check: .promQL(promQL, comparison: comparison), location: element.location)
            }
            guard let name = reader.requiredString(keys["instrument"], "\(path).instrument (or promql)", in: element) else { return nil }
            let kind = reader.choice(keys["kind"], "\(path).kind", Self.metricKinds) ?? "counter"
            if keys["kind"] == nil {
                reader.problem("\(path).kind is missing: one of \(Self.metricKinds.joined(separator: ", "))", at: element.location)
            }
            return MetricExpectation(
                check: .instrument(
                    name: name,
                    kind: kind,
                    unit: reader.string(keys["unit"], "\(path).unit"),
                    service: reader.string(keys["service"], "\(path).service")
                ),
                location: element.location
            )
        }
        expectations.logs = list(keys["logs"], "expect.logs").compactMap { element, path in
            guard let keys = reader.mapping(element, path, known: ["service", "severity", "body_contains", "request"]),
                let service = reader.requiredString(keys["service"], "\(path).service", in: element)
            else { return nil }
            return LogExpectation(
                service: service,
                severity: reader.choice(keys["severity"], "\(path).severity", Self.severities),
                bodyContains: reader.string(keys["body_contains"], "\(path).body_contains"),
                request: reader.string(keys["request"], "\(path).request"),
                location: element.location
            )
        }
        return expectations
    }

    mutating func readSpan(_ node: ConfigNode, _ path: String) -> SpanExpectation? {
        let known = ["name", "kind", "service", "status", "attributes", "children", "other_children"]
        guard let keys = reader.mapping(node, path, known: known), let name = reader.requiredString(keys["name"], "\(path).name", in: node) else {
            return nil
        }
        var expected = SpanExpectation(name: name, location: node.location)
        expected.kind = reader.choice(keys["kind"], "\(path).kind", Self.spanKinds)
        expected.service = reader.string(keys["service"], "\(path).service")
        expected.status = reader.choice(keys["status"], "\(path).status", Self.statuses)
        expected.attributes = reader.stringMap(keys["attributes"], "\(path).attributes") ?? [:]
        expected.children = list(keys["children"], "\(path).children").compactMap { element, childPath in readSpan(element, childPath) }
        expected.allowsOtherChildren = reader.bool(keys["other_children"], "\(path).other_children") ?? true
        return expected
    }

    // MARK: Settings

    mutating func readResilience(_ node: ConfigNode) -> ResilienceSettings? {
        let known = ["request", "faults", "latency_budget", "rate", "segment", "pairs", "max_pairs", "shutdown_bound", "memory_growth_limit"]
        guard let keys = reader.mapping(node, "resilience", known: known),
            let request = reader.requiredString(keys["request"], "resilience.request", in: node)
        else { return nil }
        var settings = ResilienceSettings(request: request)
        settings.location = node.location
        if let faults = keys["faults"] {
            settings.faults = list(faults, "resilience.faults").compactMap { element, path in reader.choice(element, path, Self.faults) }
        }
        settings.latencyBudget = reader.fraction(keys["latency_budget"], "resilience.latency_budget") ?? settings.latencyBudget
        settings.rate = reader.number(keys["rate"], "resilience.rate") ?? settings.rate
        settings.segment = reader.duration(keys["segment"], "resilience.segment") ?? settings.segment
        settings.pairs = reader.int(keys["pairs"], "resilience.pairs", range: 2...100) ?? settings.pairs
        if let maximum = reader.int(keys["max_pairs"], "resilience.max_pairs", range: 2...100) {
            if maximum < settings.pairs {
                reader.problem("resilience.max_pairs is \(maximum), fewer than resilience.pairs (\(settings.pairs))", at: keys["max_pairs"]?.location)
            }
            settings.maximumPairs = maximum
        } else {
            settings.maximumPairs = max(settings.maximumPairs, settings.pairs)
        }
        settings.shutdownBound = reader.duration(keys["shutdown_bound"], "resilience.shutdown_bound") ?? settings.shutdownBound
        settings.memoryGrowthLimit = reader.byteSize(keys["memory_growth_limit"], "resilience.memory_growth_limit") ?? settings.memoryGrowthLimit
        return settings
    }

    mutating func readDashboards(_ node: ConfigNode) -> DashboardSettings? {
        guard let keys = reader.mapping(node, "dashboards", known: ["compose_file", "grafana_service"]),
            let file = reader.requiredString(keys["compose_file"], "dashboards.compose_file", in: node)
        else { return nil }
        var settings = DashboardSettings(composeFile: file)
        settings.grafanaService = reader.string(keys["grafana_service"], "dashboards.grafana_service") ?? settings.grafanaService
        settings.location = node.location
        return settings
    }

    mutating func readCompose(_ node: ConfigNode) -> ComposeSettings? {
        let roles = ["collector", "collector_health", "prometheus", "trace_backend", "grafana"]
        guard let keys = reader.mapping(node, "compose", known: ["files", "log_file"] + roles) else { return nil }
        guard let files = reader.words(keys["files"], "compose.files"), !files.isEmpty else {
            reader.problem("compose.files is missing: the compose files to run, in -f order", at: node.location)
            return nil
        }
        var settings = ComposeSettings(files: files)
        settings.location = node.location
        func role(_ key: String) -> ComposeRole? {
            guard let roleNode = keys[key] else { return nil }
            if let service = roleNode.string { return ComposeRole(service: service, location: roleNode.location) }
            guard let roleKeys = reader.mapping(roleNode, "compose.\(key)", known: ["service", "port"]),
                let service = reader.requiredString(roleKeys["service"], "compose.\(key).service", in: roleNode)
            else { return nil }
            return ComposeRole(
                service: service,
                port: reader.int(roleKeys["port"], "compose.\(key).port", range: 1...65535),
                location: roleNode.location
            )
        }
        settings.collector = role("collector")
        settings.collectorHealth = role("collector_health")
        settings.prometheus = role("prometheus")
        settings.traceBackend = role("trace_backend")
        settings.grafana = role("grafana")
        settings.logFile = reader.string(keys["log_file"], "compose.log_file")
        return settings
    }

    mutating func readExternal(_ node: ConfigNode) -> ExternalSettings? {
        let known = ["collector_health", "prometheus", "trace_query", "grafana", "log_file", "collector_control"]
        guard let keys = reader.mapping(node, "external", known: known) else { return nil }
        var settings = ExternalSettings()
        settings.location = node.location
        settings.collectorHealth = reader.string(keys["collector_health"], "external.collector_health")
        settings.prometheus = reader.string(keys["prometheus"], "external.prometheus")
        settings.traceQuery = reader.string(keys["trace_query"], "external.trace_query")
        settings.grafana = reader.string(keys["grafana"], "external.grafana")
        settings.logFile = reader.string(keys["log_file"], "external.log_file")
        if let control = keys["collector_control"],
            let controlKeys = reader.mapping(control, "external.collector_control", known: ["stop", "black_hole", "unavailable", "restore"])
        {
            let stop = reader.words(controlKeys["stop"], "external.collector_control.stop")
            let restore = reader.words(controlKeys["restore"], "external.collector_control.restore")
            if let stop, let restore {
                settings.collectorControl = CollectorControl(
                    stop: stop,
                    blackHole: reader.words(controlKeys["black_hole"], "external.collector_control.black_hole"),
                    unavailable: reader.words(controlKeys["unavailable"], "external.collector_control.unavailable"),
                    restore: restore
                )
            } else {
                reader.problem("external.collector_control needs both stop and restore", at: control.location)
            }
        }
        return settings
    }

    // MARK: References

    /// Every service and request named anywhere must be defined.
    mutating func checkReferences(_ stack: inout StackFile, root: ConfigNode) {
        let services = stack.services.map(\.name)
        let requests = stack.traffic.map(\.name)
        func checkService(_ name: String?, _ what: String, at location: SourceLocation) {
            guard let name, !services.contains(name) else { return }
            reader.problem(
                "\(what) refers to service `\(name)`, which is not defined under services\(Suggestion.phrase(for: name, in: services))",
                at: location
            )
        }
        func checkRequest(_ name: String?, _ what: String, at location: SourceLocation) {
            guard let name, !requests.contains(name) else { return }
            reader.problem(
                "\(what) refers to request `\(name)`, which is not defined under traffic\(Suggestion.phrase(for: name, in: requests))",
                at: location
            )
        }
        for service in stack.services {
            for text in service.command + Array(service.environment.values) {
                for name in StackService.references(in: text) where name != service.name {
                    checkService(name, "services.\(service.name)", at: location(of: text, in: root) ?? service.location)
                }
                if StackService.references(in: text).contains(service.name) {
                    reader.problem("services.\(service.name) refers to its own URL", at: location(of: text, in: root) ?? service.location)
                }
            }
        }
        for request in stack.traffic {
            checkService(
                request.service,
                "traffic.\(request.name).service",
                at: location(of: request.service, in: root, after: request.location) ?? request.location
            )
        }
        for trace in stack.expectations.traces {
            checkRequest(trace.request, "expect.traces", at: trace.location)
            for span in trace.root.all { checkService(span.service, "span `\(span.name)`", at: span.location) }
        }
        for metric in stack.expectations.metrics {
            if case .instrument(_, _, _, let service) = metric.check { checkService(service, "expect.metrics", at: metric.location) }
        }
        for log in stack.expectations.logs {
            checkService(log.service, "expect.logs", at: log.location)
            checkRequest(log.request, "expect.logs", at: log.location)
        }
        if let resilience = stack.resilience { checkRequest(resilience.request, "resilience.request", at: resilience.location) }
    }

    /// Where the scalar `text` is written (the first occurrence at or after `after`).
    func location(of text: String, in root: ConfigNode, after: SourceLocation = .start) -> SourceLocation? {
        root.scalars.first { $0.text == text && $0.location >= after }?.location
    }

    // MARK: Helpers

    /// The elements of a list with their paths (`key[0]`, …); a problem when not a list.
    mutating func list(_ node: ConfigNode?, _ path: String) -> [(ConfigNode, String)] {
        guard let node else { return [] }
        guard node.isSequence || node.isNull else {
            reader.problem("\(path) must be a list, not \(reader.kind(of: node))", at: node.location)
            return []
        }
        return node.elements.enumerated().map { ($1, "\(path)[\($0)]") }
    }

}

extension Array {
    /// `compactMap` over (element, path) pairs with a mutating closure's captures allowed.
    fileprivate func compactMap<T>(_ transform: (ConfigNode, String) throws -> T?) rethrows -> [T] where Element == (ConfigNode, String) {
        var result: [T] = []
        for (node, path) in self { if let value = try transform(node, path) { result.append(value) } }
        return result
    }
}
