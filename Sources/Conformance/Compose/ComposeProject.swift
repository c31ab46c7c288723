public import Foundation

/// The parts of a docker compose file the checks read.
public struct ComposeProject: Sendable {
    /// A bind mount of a host path into a service.
    public struct BindMount: Sendable {
        /// The host path as written.
        public var source: String
        /// The host path, resolved against the compose file's folder.
        public var host: URL
        /// The path in the container, without a trailing slash.
        public var target: String
        /// Where it is written.
        public var location: SourceLocation
    }

    /// A `depends_on` entry.
    public struct Dependency: Sendable {
        /// The service depended on.
        public var service: String
        /// Its `condition`, if the long form gives one.
        public var condition: String?
        /// Where it is written.
        public var location: SourceLocation
    }

    /// A service's healthcheck test.
    public struct Healthcheck: Sendable {
        /// The program it runs (the first word; `sh` for `CMD-SHELL` and the string form).
        public var program: String
        /// The whole command line, for messages and for reading the address it probes.
        public var commandLine: String
        /// Where it is written.
        public var location: SourceLocation
    }

    /// A service.
    public struct Service: Sendable {
        /// Its name, also its host name on the compose network.
        public var name: String
        /// Where its name is written.
        public var location: SourceLocation
        /// Its image, if it names one.
        public var image: ImageReference?
        /// Where the image is written.
        public var imageLocation: SourceLocation
        /// What the image is.
        public var kind: ImageKind
        /// Its healthcheck test, unless it has none or disables it.
        public var healthcheck: Healthcheck?
        /// Its dependencies.
        public var dependencies: [Dependency]
        /// Its bind mounts.
        public var mounts: [BindMount]
        /// The container ports it publishes.
        public var publishedPorts: Set<Int>
        /// Its command's words.
        public var command: [String]
        /// Other names it answers to on the network (`hostname`, network `aliases`).
        public var aliases: Set<String>
        /// Every string in its `environment` and `command`, where it may name another service.
        public var references: [String]

        /// The host path mounted at `containerPath`, through the longest mount that contains it.
        public func hostPath(of containerPath: String) -> URL? {
            let path = containerPath.hasSuffix("/") ? String(containerPath.dropLast()) : containerPath
            guard let mount = mounts.filter({ path == $0.target || path.hasPrefix($0.target + "/") }).max(by: { $0.target.count < $1.target.count }) else {
                return nil
            }
            let rest = path.dropFirst(mount.target.count)
            return rest.isEmpty ? mount.host : mount.host.appendingPathComponent(String(rest.dropFirst()))
        }

        /// The value of a `--name=value` or `--name value` option of its command.
        public func commandOption(_ name: String) -> String? {
            for (index, word) in command.enumerated() {
                if word.hasPrefix(name + "=") { return String(word.dropFirst(name.count + 1)) }
                if word == name, index + 1 < command.count { return command[index + 1] }
            }
            return nil
        }

        /// Whether `host` names this service.
        public func answers(to host: String) -> Bool { host == name || aliases.contains(host) }
    }

    /// The file.
    public var file: ConfigFile
    /// Its services, in order.
    public var services: [Service]

    /// The service called `name`.
    public func service(_ name: String) -> Service? { services.first { $0.name == name } }

    /// Reads the services of a compose file.
    public init(_ file: ConfigFile) {
        self.file = file
        let folder = file.url.deletingLastPathComponent()
        services = (file.root["services"]?.entries ?? []).map { entry in
            Self.service(entry, folder: folder)
        }
    }

    private static func service(_ entry: ConfigNode.Entry, folder: URL) -> Service {
        let node = entry.value
        let image = node["image"]?.string.map(ImageReference.init)
        return Service(
            name: entry.key, location: entry.keyLocation, image: image, imageLocation: node["image"]?.location ?? entry.keyLocation,
            kind: image.map(ImageKind.init) ?? .application, healthcheck: healthcheck(node["healthcheck"]),
            dependencies: dependencies(node["depends_on"]), mounts: mounts(node["volumes"], folder: folder),
            publishedPorts: publishedPorts(node["ports"]), command: words(node["command"]), aliases: aliases(node),
            references: (node["environment"]?.scalars.map(\.text) ?? []) + (node["command"]?.scalars.map(\.text) ?? []))
    }

    private static func words(_ node: ConfigNode?) -> [String] {
        guard let node else { return [] }
        if let string = node.string { return string.split(separator: " ").map(String.init) }
        return node.elements.compactMap(\.string)
    }

    private static func healthcheck(_ node: ConfigNode?) -> Healthcheck? {
        guard let node, node["disable"]?.bool != true, let test = node["test"] else { return nil }
        if let string = test.string {
            return Healthcheck(program: "sh", commandLine: string, location: test.location)
        }
        let words = test.elements.compactMap(\.string)
        guard let form = words.first else { return nil }
        switch form {
        case "CMD" where words.count > 1:
            let program = words[1].split(separator: "/").last.map(String.init) ?? words[1]
            return Healthcheck(program: program, commandLine: words.dropFirst().joined(separator: " "), location: test.location)
        case "CMD-SHELL" where words.count > 1:
            return Healthcheck(program: "sh", commandLine: words.dropFirst().joined(separator: " "), location: test.location)
        default:
            return nil  // NONE
        }
    }

    private static func dependencies(_ node: ConfigNode?) -> [Dependency] {
        guard let node else { return [] }
        if node.isSequence {
            return node.elements.compactMap { element in element.string.map { Dependency(service: $0, condition: nil, location: element.location) } }
        }
        return node.entries.map { Dependency(service: $0.key, condition: $0.value["condition"]?.string, location: $0.keyLocation) }
    }

    private static func mounts(_ node: ConfigNode?, folder: URL) -> [BindMount] {
        (node?.elements ?? []).compactMap { volume -> BindMount? in
            let source: String
            let target: String
            if let short = volume.string {
                let parts = short.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 2 else { return nil }
                (source, target) = (parts[0], parts[1])
            } else if let s = volume["source"]?.string, let t = volume["target"]?.string {
                guard (volume["type"]?.string ?? "bind") == "bind" else { return nil }
                (source, target) = (s, t)
            } else {
                return nil
            }
            // Named volumes hold no files of ours; `~` and variables cannot be resolved here.
            guard source.hasPrefix(".") || source.hasPrefix("/") else { return nil }
            let host = source.hasPrefix("/") ? URL(fileURLWithPath: source) : folder.appendingPathComponent(source)
            return BindMount(source: source, host: host.standardizedFileURL, target: target.hasSuffix("/") ? String(target.dropLast()) : target, location: volume.location)
        }
    }

    private static func publishedPorts(_ node: ConfigNode?) -> Set<Int> {
        Set((node?.elements ?? []).compactMap { port -> Int? in
            if let target = port["target"]?.int { return target }
            guard let text = port.string ?? port.int.map(String.init) else { return nil }
            // [ip:][host:]container[/protocol]; the host part may hold ${VAR:-} with colons.
            let withoutProtocol = text.split(separator: "/").first.map(String.init) ?? text
            guard let last = withoutProtocol.split(separator: ":", omittingEmptySubsequences: false).last else { return nil }
            return Int(last.split(separator: "-").first ?? last)
        })
    }

    private static func aliases(_ node: ConfigNode) -> Set<String> {
        var names = Set<String>()
        if let hostname = node["hostname"]?.string { names.insert(hostname) }
        if let container = node["container_name"]?.string { names.insert(container) }
        for network in node["networks"]?.entries ?? [] {
            names.formUnion(network.value["aliases"]?.stringList ?? [])
        }
        return names
    }
}
