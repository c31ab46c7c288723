import StackConfiguration

/// The checks of an OpenTelemetry Collector configuration: components that exist in the target
/// collector, keys they accept, pipelines that refer to defined components, and (in a compose
/// deployment) endpoints that the senders and probes can reach.
struct CollectorRules {
    var file: ConfigFile
    var target: CollectorTarget
    var deployment: CollectorDeployment?
    /// Whether the whole configuration is in `file`: not when a `--config` source is out of
    /// sight, nor for a file without `service` (a fragment of a split configuration). The rules
    /// about references and pipelines hold back otherwise.
    var isComplete: Bool
    /// Components defined in other collector files checked alongside, by section and id, with
    /// the file: a pipeline naming one of them is taken for a configuration split over files.
    var definedElsewhere: [String: [String: String]]
    private var findings: [Finding] = []

    init(
        file: ConfigFile,
        target: CollectorTarget,
        deployment: CollectorDeployment?,
        isComplete: Bool,
        definedElsewhere: [String: [String: String]]
    ) {
        self.file = file
        self.target = target
        self.deployment = deployment
        self.isComplete = isComplete
        self.definedElsewhere = definedElsewhere
    }

    static func check(
        _ file: ConfigFile,
        target: CollectorTarget,
        deployment: CollectorDeployment?,
        isComplete: Bool = true,
        definedElsewhere: [String: [String: String]] = [:]
    ) -> [Finding] {
        var rules = CollectorRules(file: file, target: target, deployment: deployment, isComplete: isComplete, definedElsewhere: definedElsewhere)
        rules.run()
        return rules.findings
    }

    private var root: ConfigNode { file.root }

    /// Adds a finding, in the file the location names (a merged configuration's node) or the
    /// file checked.
    private mutating func add(_ rule: Rule, _ message: String, at location: SourceLocation?, fix: String? = nil, severity: Severity? = nil) {
        findings.append(rule.finding(message, in: location?.file ?? file.name, at: location, fix: fix, severity: severity))
    }

    private mutating func run() {
        for entry in root.entries where !CollectorComponentCatalog.sections.contains(entry.key) {
            add(
                ConfigRules.collectorUnknownKey,
                "unknown top-level key `\(entry.key)`\(Suggestion.phrase(for: entry.key, in: CollectorComponentCatalog.sections))",
                at: entry.keyLocation
            )
        }
        for section in ["receivers", "processors", "exporters", "extensions", "connectors"] {
            for entry in root[section]?.entries ?? [] { checkComponent(entry, in: section) }
        }
        if root["service"] != nil || isComplete { checkService() }
        checkEnvironmentSyntax()
        if deployment != nil { checkReachability() }
    }

    // MARK: Components

    /// The type of a component id: `otlp` of `otlp/internal`.
    static func type(of id: String) -> String { String(id.split(separator: "/", maxSplits: 1).first ?? "") }

    private mutating func checkComponent(_ entry: ConfigNode.Entry, in section: String) {
        let type = Self.type(of: entry.key)
        let kind = String(section.dropLast())
        let version = target.version ?? CollectorTarget.current.version!
        if let lifecycle = CollectorComponentCatalog.lifecycles[section]?[type] {
            if let removal = lifecycle.removedIn, version >= removal {
                // Without a version of its own, the target is only assumed to be current: an
                // older collector may still run the component, so it is a warning.
                var message = "\(kind) `\(type)` was removed in v\(removal)"
                message +=
                    target.version.map { "; this collector is v\($0)" } ?? "; collectors from then on refuse it (no collector version is pinned)"
                if type == "logging", let level = entry.value.entry("loglevel") {
                    message += " (and its `loglevel` at line \(level.keyLocation.line) is `verbosity` on `debug`)"
                }
                add(
                    ConfigRules.collectorRemovedComponent,
                    message,
                    at: entry.keyLocation,
                    fix: "Use \(lifecycle.replacement).",
                    severity: target.version == nil || target.isAssumed ? .warning : nil
                )
                return
            }
            if let deprecation = lifecycle.deprecatedIn, version >= deprecation {
                add(
                    ConfigRules.collectorDeprecatedComponent,
                    "\(kind) `\(type)` is deprecated since v\(deprecation)"
                        + (lifecycle.removedIn.map { " and removed in v\($0)" } ?? " and will be removed")
                        + (target.version.map { "; this collector is v\($0)" } ?? ""),
                    at: entry.keyLocation,
                    fix: "Use \(lifecycle.replacement)."
                )
            }
        }
        if let alias = KnownCollectorComponents.deprecatedAliases[section]?[type],
            let since = SemanticVersion(lenient: alias.since), version >= since
        {
            add(
                ConfigRules.collectorDeprecatedName,
                "\(kind) `\(type)` is a deprecated alias of `\(alias.current)` (since v\(alias.since))",
                at: entry.keyLocation,
                fix: "Rename `\(entry.key)` to `\(alias.current)\(entry.key.dropFirst(type.count))`."
            )
        } else if let known = target.knownTypes(in: section), !known.contains(type),
            KnownCollectorComponents.deprecatedAliases[section]?[type] == nil,
            CollectorComponentCatalog.lifecycles[section]?[type] == nil
        {
            reportUnknown(entry, type: type, kind: kind, known: known)
            return
        }
        guard let schema = CollectorComponentCatalog.schema(section: section, type: type) else { return }
        checkKeys(of: entry.value, schema: schema, in: "\(kind) `\(entry.key)`")
        if section == "receivers", type == "otlp" || type == "otlp_grpc" || type == "otlp_http" {
            if let protocols = entry.value["protocols"] {
                if protocols.entries.isEmpty {
                    add(
                        ConfigRules.collectorUnknownKey,
                        "receiver `\(entry.key)` has no protocol: it must specify at least one of `grpc` and `http`",
                        at: protocols.location
                    )
                }
            } else if type == "otlp" {
                add(
                    ConfigRules.collectorUnknownKey,
                    "receiver `\(entry.key)` has no `protocols`: it must specify at least one of `grpc` and `http`",
                    at: entry.keyLocation
                )
            }
        }
    }

    /// A component the distribution does not have: an error when the distribution is known
    /// (the collector refuses it); when it is only assumed, a warning if contrib has a close
    /// name (a likely typo) and nothing otherwise (another distribution may well have it).
    private mutating func reportUnknown(_ entry: ConfigNode.Entry, type: String, kind: String, known: Set<String>) {
        let suggestion = Suggestion.phrase(for: type, in: known)
        if target.isAssumed {
            guard !suggestion.isEmpty else { return }
            add(
                ConfigRules.collectorUnknownComponent,
                "\(kind) `\(type)` is not a component of \(target.componentListName)\(suggestion); no image or --collector-distribution says which collector runs this file",
                at: entry.keyLocation,
                severity: .warning
            )
            return
        }
        add(
            ConfigRules.collectorUnknownComponent,
            "\(kind) `\(type)` is not a component of \(target.componentListName)\(suggestion)",
            at: entry.keyLocation
        )
    }

    /// Checks the keys of `node` against `schema`, and the nested mappings the schema knows.
    private mutating func checkKeys(of node: ConfigNode, schema: KeySchema, in place: String) {
        for entry in node.entries {
            guard let key = schema.keys[entry.key] ?? caseInsensitiveMatch(entry.key, in: schema) else {
                if !schema.isOpen {
                    add(
                        ConfigRules.collectorUnknownKey,
                        "\(place) has no key `\(entry.key)`\(Suggestion.phrase(for: entry.key, in: Set(schema.keys.keys)))",
                        at: entry.keyLocation
                    )
                }
                continue
            }
            if let since = key.since, let version = target.version, !target.isAssumed, version < since {
                add(
                    ConfigRules.collectorUnknownKey,
                    "\(place): key `\(entry.key)` appeared in v\(since); this collector is v\(version) and rejects it",
                    at: entry.keyLocation,
                    fix: "Upgrade the collector to v\(since) or later, or remove the key."
                )
                continue
            }
            if let removal = key.removedIn, (target.version ?? CollectorTarget.current.version!) >= removal {
                add(
                    ConfigRules.collectorUnknownKey,
                    "\(place): key `\(entry.key)` was removed in v\(removal)"
                        + (target.version.map { "; this collector is v\($0)" } ?? ""),
                    at: entry.keyLocation,
                    fix: key.replacement.map { "Use \($0)." } ?? "Remove the key.",
                    severity: target.version == nil || target.isAssumed ? .warning : nil
                )
                continue
            }
            guard let nested = key.value else { continue }
            if entry.value.isMapping {
                checkKeys(of: entry.value, schema: nested, in: "\(place) \(entry.key)")
            } else {
                for element in entry.value.elements where element.isMapping {
                    checkKeys(of: element, schema: nested, in: "\(place) \(entry.key)")
                }
            }
        }
    }

    /// The key `name` matches in collectors before v0.71, which matched keys without regard to
    /// case (`logLevel` for `loglevel`); `nil` from v0.71 on.
    private func caseInsensitiveMatch(_ name: String, in schema: KeySchema) -> KeySchema.Key? {
        guard let version = target.version, !target.isAssumed, version < SemanticVersion(0, 71) else { return nil }
        return schema.keys.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    private mutating func checkKeys(of node: ConfigNode, allowed: Set<String>, in place: String) {
        checkKeys(of: node, schema: KeySchema(allowed), in: place)
    }

    // MARK: Service and pipelines

    private func defined(_ section: String) -> Set<String> { Set(root[section]?.entries.map(\.key) ?? []) }

    private mutating func checkService() {
        guard let service = root.entry("service") else {
            add(ConfigRules.collectorInvalidPipeline, "there is no `service` section: the collector runs no pipeline", at: .start)
            return
        }
        checkKeys(of: service.value, allowed: CollectorComponentCatalog.serviceKeys, in: "`service`")
        let extensions = defined("extensions")
        let enabled = service.value["extensions"]?.elements ?? []
        for id in enabled {
            guard let name = id.string, !extensions.contains(name) else { continue }
            undefined(name, in: ["extensions"], "`service.extensions` names extension `\(name)`", candidates: extensions, at: id.location)
        }
        // What the rest of the configuration holds is out of sight: which components are used
        // and which are defined cannot be told.
        guard isComplete else { return }
        for name in extensions.subtracting(enabled.compactMap(\.string)).sorted() {
            add(
                ConfigRules.collectorExtensionNotEnabled,
                "extension `\(name)` is defined but not listed in `service.extensions`: it does not run" + unseenRuntimeNote,
                at: root["extensions"]?.entry(name)?.keyLocation,
                severity: unusedSeverity
            )
        }

        guard let pipelines = service.value.entry("pipelines"), !pipelines.value.entries.isEmpty else {
            add(ConfigRules.collectorInvalidPipeline, "`service` has no pipelines: the collector receives nothing", at: service.keyLocation)
            return
        }
        let connectors = defined("connectors")
        var used: [String: Set<String>] = [:]
        var connectorUse = (exporter: Set<String>(), receiver: Set<String>())
        for pipeline in pipelines.value.entries {
            let signal = Self.type(of: pipeline.key)
            if !CollectorComponentCatalog.signals.contains(signal) {
                add(
                    ConfigRules.collectorInvalidPipeline,
                    "pipeline `\(pipeline.key)` has an unknown signal `\(signal)`\(Suggestion.phrase(for: signal, in: CollectorComponentCatalog.signals))",
                    at: pipeline.keyLocation
                )
            }
            checkKeys(of: pipeline.value, allowed: CollectorComponentCatalog.pipelineKeys, in: "pipeline `\(pipeline.key)`")
            for (role, sections) in [
                ("receivers", ["receivers", "connectors"]), ("processors", ["processors"]), ("exporters", ["exporters", "connectors"]),
            ] {
                let ids = pipeline.value[role]?.elements ?? []
                if role != "processors", ids.isEmpty {
                    add(
                        ConfigRules.collectorInvalidPipeline,
                        "pipeline `\(pipeline.key)` has no \(role)",
                        at: pipeline.value[role]?.location ?? pipeline.keyLocation
                    )
                }
                let candidates = sections.reduce(into: Set<String>()) { $0.formUnion(defined($1)) }
                for id in ids {
                    guard let name = id.string else { continue }
                    for section in sections { used[section, default: []].insert(name) }
                    if connectors.contains(name) {
                        if role == "exporters" { connectorUse.exporter.insert(name) }
                        if role == "receivers" { connectorUse.receiver.insert(name) }
                    }
                    if !candidates.contains(name) {
                        undefined(
                            name,
                            in: sections,
                            "pipeline `\(pipeline.key)` uses \(role.dropLast()) `\(name)`",
                            candidates: candidates,
                            at: id.location
                        )
                    }
                }
                if role == "processors", let index = ids.firstIndex(where: { $0.string.map(Self.type(of:)) == "memory_limiter" }), index > 0 {
                    add(
                        ConfigRules.collectorMemoryLimiterNotFirst,
                        "pipeline `\(pipeline.key)` runs `\(ids[index].string ?? "")` after \(ids[..<index].compactMap(\.string).map { "`\($0)`" }.joined(separator: ", "))",
                        at: ids[index].location
                    )
                }
            }
        }
        for section in ["receivers", "processors", "exporters"] {
            for entry in root[section]?.entries ?? [] where !(used[section]?.contains(entry.key) ?? false) {
                add(
                    ConfigRules.collectorUnusedComponent,
                    "\(section.dropLast()) `\(entry.key)` is in no pipeline: the collector ignores it" + unseenRuntimeNote,
                    at: entry.keyLocation,
                    severity: unusedSeverity
                )
            }
        }
        // A connector joins two pipelines: it must be an exporter of one and a receiver of another.
        for entry in root["connectors"]?.entries ?? [] {
            let asExporter = connectorUse.exporter.contains(entry.key)
            let asReceiver = connectorUse.receiver.contains(entry.key)
            switch (asExporter, asReceiver) {
            case (true, true): break
            case (false, false):
                add(
                    ConfigRules.collectorUnusedComponent,
                    "connector `\(entry.key)` is in no pipeline: the collector ignores it" + unseenRuntimeNote,
                    at: entry.keyLocation,
                    severity: unusedSeverity
                )
            case (true, false):
                add(
                    ConfigRules.collectorInvalidPipeline,
                    "connector `\(entry.key)` is an exporter of a pipeline but the receiver of none: the collector refuses to start",
                    at: entry.keyLocation,
                    fix: "List `\(entry.key)` under `receivers` of the pipeline that should get its output."
                )
            case (false, true):
                add(
                    ConfigRules.collectorInvalidPipeline,
                    "connector `\(entry.key)` is a receiver of a pipeline but the exporter of none: the collector refuses to start",
                    at: entry.keyLocation,
                    fix: "List `\(entry.key)` under `exporters` of the pipeline that should feed it."
                )
            }
        }
    }

    /// A component left out of the pipelines is a warning where the checker sees how the
    /// collector is started (a compose service); for a file on its own, the command that runs it
    /// may add `--config` or `--set` sources that use it (a script adding a debug exporter): info.
    private var unusedSeverity: Severity? { deployment == nil ? .info : nil }

    private var unseenRuntimeNote: String {
        deployment == nil ? " (unless the command that runs this file adds it with more --config or --set sources)" : ""
    }

    /// Reports `name`, used but not defined in `sections`: an error, unless the configuration
    /// is partly out of sight (nothing), or another collector file checked alongside defines it
    /// (info: the two are most likely merged by several `--config` options).
    private mutating func undefined(_ name: String, in sections: [String], _ what: String, candidates: Set<String>, at location: SourceLocation) {
        let definedElsewhere = definedElsewhere
        if let elsewhere = sections.compactMap({ definedElsewhere[$0]?[name] }).first {
            add(
                ConfigRules.collectorUndefinedComponent,
                "\(what), which is defined in \(elsewhere), not here: checked as a configuration split over several --config files",
                at: location,
                fix: "Nothing to do if the collector is started with both files; otherwise define it here.",
                severity: .info
            )
        } else if isComplete {
            add(ConfigRules.collectorUndefinedComponent, "\(what), which is not defined\(Suggestion.phrase(for: name, in: candidates))", at: location)
        }
    }

    // MARK: Environment variables

    private mutating func checkEnvironmentSyntax() {
        for (text, location) in root.scalars {
            for name in Self.bareVariables(in: text) {
                let behaviour =
                    (target.version ?? SemanticVersion(0, 107)) >= SemanticVersion(0, 107)
                    ? "this collector does not expand it (since v0.107): the value is the literal text `\(text)`"
                    : "collectors from v0.107 on do not expand it, and from v0.104 it is an error"
                add(
                    ConfigRules.collectorBareEnvironmentVariable,
                    "`$\(name)`: \(behaviour)",
                    at: location,
                    fix: "Write `${env:\(name)}` (or `$$` for a literal dollar sign)."
                )
            }
        }
    }

    /// The names of `$NAME` references (not `$$`, not `${…}`).
    static func bareVariables(in text: String) -> [String] {
        var names: [String] = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            guard characters[index] == "$", index + 1 < characters.count else {
                index += 1
                continue
            }
            let next = characters[index + 1]
            if next == "$" || next == "{" {
                index += 2
                continue
            }
            guard next.isLetter || next == "_" else {
                index += 1
                continue
            }
            var end = index + 1
            while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
            names.append(String(characters[(index + 1)..<end]))
            index = end
        }
        return names
    }

    // MARK: Reachability in a deployment

    private mutating func checkReachability() {
        guard let deployment else { return }
        let enabled = Set(root[path: ["service", "extensions"]]?.elements.compactMap(\.string) ?? [])
        let probes = deployment.healthProbes
        if !probes.isEmpty {
            // `health_check`, or `healthcheckv2` (contrib's and Jaeger's), whose HTTP server is
            // under `http` (as it is for `health_check` with `use_v2`).
            let healthCheck = root["extensions"]?.entries.first {
                ["health_check", "healthcheckv2"].contains(Self.type(of: $0.key)) && enabled.contains($0.key)
            }
            if let healthCheck {
                let isV2 = Self.type(of: healthCheck.key) == "healthcheckv2" || healthCheck.value["use_v2"]?.bool == true
                let server = isV2 ? (healthCheck.value["http"] ?? ConfigNode(.mapping([]), at: healthCheck.keyLocation)) : healthCheck.value
                let endpoint = serverEndpoint(server, defaultPort: 13133, keyLocation: healthCheck.keyLocation)
                let outside = deployment.outsideHealthProbes
                if endpoint.address.isLoopback, endpoint.address.port == 13133, !outside.isEmpty {
                    add(
                        ConfigRules.collectorHealthCheckUnreachable,
                        "extension `\(healthCheck.key)` listens on \(endpoint.written) but is probed by \(outside.joined(separator: " and "))",
                        at: endpoint.location,
                        fix: "Set `endpoint: 0.0.0.0:13133`."
                    )
                }
            } else {
                add(
                    ConfigRules.collectorHealthCheckMissing,
                    "\(probes.joined(separator: " and ")) \(probes.count == 1 ? "probes" : "probe") port 13133 of \(deployment.service.name), but no `health_check` (or `healthcheckv2`) extension is enabled",
                    at: root.entry("extensions")?.keyLocation ?? root.entry("service")?.keyLocation ?? .start
                )
            }
        }
        for receiver in root["receivers"]?.entries ?? [] {
            if Self.type(of: receiver.key) == "otlp" {
                for proto in receiver.value["protocols"]?.entries ?? [] {
                    guard let port = CollectorComponentCatalog.defaultPorts[proto.key] else { continue }
                    checkServer(
                        "receiver `\(receiver.key)` (\(proto.key))",
                        proto.value,
                        defaultPort: port,
                        keyLocation: proto.keyLocation,
                        deployment
                    )
                }
            } else if receiver.value["endpoint"] != nil {
                checkServer("receiver `\(receiver.key)`", receiver.value, defaultPort: nil, keyLocation: receiver.keyLocation, deployment)
            }
        }
        for exporter in root["exporters"]?.entries ?? [] where Self.type(of: exporter.key) == "prometheus" {
            checkServer("exporter `\(exporter.key)`", exporter.value, defaultPort: nil, keyLocation: exporter.keyLocation, deployment)
        }
    }

    private mutating func checkServer(
        _ what: String,
        _ node: ConfigNode,
        defaultPort: Int?,
        keyLocation: SourceLocation,
        _ deployment: CollectorDeployment
    ) {
        let endpoint = serverEndpoint(node, defaultPort: defaultPort ?? 0, keyLocation: keyLocation)
        guard endpoint.address.isLoopback, endpoint.address.port != 0 else { return }
        let reachers = deployment.reachers(of: endpoint.address.port)
        guard !reachers.isEmpty else { return }
        add(
            ConfigRules.collectorReceiverUnreachable,
            "\(what) listens on \(endpoint.written), but \(reachers.joined(separator: "; "))",
            at: endpoint.location,
            fix: "Set `endpoint: 0.0.0.0:\(endpoint.address.port)`."
        )
    }

    /// A server's endpoint: as written, or the default (localhost since v0.104, all interfaces before).
    private func serverEndpoint(
        _ node: ConfigNode,
        defaultPort: Int,
        keyLocation: SourceLocation? = nil
    ) -> (address: Endpoint, written: String, location: SourceLocation) {
        if let written = node["endpoint"], let text = written.string {
            return (Endpoint(text) ?? Endpoint(host: "0.0.0.0", port: 0), "`\(text)`", written.location)
        }
        let host = target.defaultsToLocalhost ? "localhost" : "0.0.0.0"
        return (Endpoint(host: host, port: defaultPort), "the default \(host):\(defaultPort) (no `endpoint`)", keyLocation ?? node.location)
    }
}
