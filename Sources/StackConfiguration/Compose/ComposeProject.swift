package import Foundation

/// The parts of a docker compose file the checks read.
package struct ComposeProject: Sendable {
    /// A bind mount of a host path into a service.
    package struct BindMount: Sendable {
        /// The host path as written.
        package var source: String
        /// The host path, resolved against the compose file's folder.
        package var host: URL
        /// The path in the container, without a trailing slash.
        package var target: String
        /// Where it is written.
        package var location: SourceLocation
        /// Whether Compose creates a missing host path (as a directory): it does for the short
        /// syntax, and for the long one only with `bind.create_host_path: true`.
        package var createsHostPath = true
        /// Whether it is mounted read-only (`:ro`, `read_only: true`): the container reads it.
        package var isReadOnly = false
    }

    /// A `depends_on` entry.
    package struct Dependency: Sendable {
        /// The service depended on.
        package var service: String
        /// Its `condition`, if the long form gives one.
        package var condition: String?
        /// Whether the dependency must be there (`required: false` makes it optional).
        package var isRequired: Bool
        /// Where it is written.
        package var location: SourceLocation
    }

    /// A service's healthcheck test.
    package struct Healthcheck: Sendable {
        /// The program it runs (the first word; `sh` for `CMD-SHELL` and the string form).
        package var program: String
        /// The whole command line, for messages and for reading the address it probes.
        package var commandLine: String
        /// Where it is written.
        package var location: SourceLocation
    }

    /// A service.
    package struct Service: Sendable {
        /// Its name, also its host name on the compose network.
        package var name: String
        /// Where its name is written.
        package var location: SourceLocation
        /// Its image, if it names one.
        package var image: ImageReference?
        /// Where the image is written.
        package var imageLocation: SourceLocation
        /// What the image is.
        package var kind: ImageKind
        /// Its healthcheck test, unless it has none or disables it.
        package var healthcheck: Healthcheck?
        /// Its dependencies.
        package var dependencies: [Dependency]
        /// Its bind mounts.
        package var mounts: [BindMount]
        /// The container ports it publishes.
        package var publishedPorts: Set<Int>
        /// Its command's words.
        package var command: [String]
        /// Other names it answers to on the network (`hostname`, network `aliases`).
        package var aliases: Set<String>
        /// Every string in its `environment` and `command`, where it may name another service.
        package var references: [String]
        /// Container paths where something whose content the checker cannot see is mounted: named
        /// volumes, tmpfs, configs without a file.
        package var opaqueMounts: [String]
        /// Whether the image is built from a Dockerfile here (which may put files in it).
        package var isBuilt: Bool

        /// Whether anything is mounted at or above `containerPath`.
        package func mounts(_ containerPath: String) -> Bool {
            hostPath(of: containerPath) != nil || opaqueMounts.contains { containerPath == $0 || containerPath.hasPrefix($0 + "/") }
        }

        /// The host path mounted at `containerPath`, through the longest mount that contains it.
        package func hostPath(of containerPath: String) -> URL? {
            let path = containerPath.hasSuffix("/") ? String(containerPath.dropLast()) : containerPath
            guard let mount = mounts.filter({ path == $0.target || path.hasPrefix($0.target + "/") }).max(by: { $0.target.count < $1.target.count })
            else {
                return nil
            }
            let rest = path.dropFirst(mount.target.count)
            return rest.isEmpty ? mount.host : mount.host.appendingPathComponent(String(rest.dropFirst()))
        }

        /// The host files the container sees under `containerFolder` with one of `extensions`:
        /// those of a mounted folder (recursively when asked; hidden ones skipped) and files
        /// mounted one by one into it. Sorted by container path.
        package func files(inContainerFolder containerFolder: String, extensions: Set<String>, recursive: Bool = false) -> [URL] {
            let folder = containerFolder.hasSuffix("/") ? String(containerFolder.dropLast()) : containerFolder
            var found: [String: URL] = [:]
            if let host = hostPath(of: folder) {
                for (relative, url) in Self.listing(of: host, recursive: recursive) where extensions.contains(url.pathExtension.lowercased()) {
                    found[folder + "/" + relative] = url
                }
            }
            for mount in mounts
            where mount.target.hasPrefix(folder + "/") && extensions.contains(URL(fileURLWithPath: mount.target).pathExtension.lowercased()) {
                let depth = mount.target.dropFirst(folder.count + 1).split(separator: "/").count
                if recursive || depth == 1 { found[mount.target] = mount.host }
            }
            return found.sorted { $0.key < $1.key }.map(\.value)
        }

        /// The regular files under `folder` by relative path; hidden files and folders skipped.
        static func listing(of folder: URL, recursive: Bool) -> [(String, URL)] {
            let manager = FileManager.default
            guard recursive else {
                let names = (try? manager.contentsOfDirectory(atPath: folder.path)) ?? []
                return names.filter { !$0.hasPrefix(".") }.map { ($0, folder.appendingPathComponent($0)) }
                    .filter { (try? $0.1.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            }
            guard let enumerator = manager.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
            else { return [] }
            var files: [(String, URL)] = []
            let base = folder.standardizedFileURL.path
            while let url = enumerator.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let path = url.standardizedFileURL.path
                files.append((path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : url.lastPathComponent, url))
            }
            return files
        }

        /// The value of a `--name=value` or `--name value` option of its command.
        package func commandOption(_ name: String) -> String? { commandOptions(name).first }

        /// Every value of a repeatable `--name=value` or `--name value` option of its command.
        package func commandOptions(_ name: String) -> [String] {
            var values: [String] = []
            for (index, word) in command.enumerated() {
                if word.hasPrefix(name + "=") { values.append(String(word.dropFirst(name.count + 1))) }
                if word == name, index + 1 < command.count { values.append(command[index + 1]) }
            }
            return values
        }

        /// Whether `host` names this service.
        package func answers(to host: String) -> Bool { host == name || aliases.contains(host) }
    }

    /// The file.
    package var file: ConfigFile
    /// Its services, in order.
    package var services: [Service]

    /// The service called `name`.
    package func service(_ name: String) -> Service? { services.first { $0.name == name } }

    /// Reads the services of a compose file, after Compose's variable interpolation with the
    /// `.env` file beside it (see ``ComposeInterpolation``).
    package init(_ file: ConfigFile) {
        let folder = file.url.deletingLastPathComponent()
        var interpolated = file
        interpolated.root = ComposeInterpolation(environmentFileIn: folder).interpolate(file.root)
        self.file = interpolated
        let file = interpolated
        let configs = file.root["configs"]
        services = (file.root["services"]?.entries ?? []).map { entry in
            Self.service(entry, folder: folder, configs: configs)
        }
    }

    private static func service(_ entry: ConfigNode.Entry, folder: URL, configs: ConfigNode?) -> Service {
        let node = entry.value
        let image = node["image"]?.string.map(ImageReference.init)
        var (mounts, opaque) = volumes(node["volumes"], folder: folder)
        // Compose `configs:` are mounted files too: their host file when the top-level config
        // names one, something unknown otherwise.
        for config in node["configs"]?.elements ?? [] {
            guard let name = config.string ?? config["source"]?.string else { continue }
            let target = config["target"]?.string ?? "/\(name)"
            if let path = configs?[name]?["file"]?.string {
                let host = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
                mounts.append(BindMount(source: path, host: host.standardizedFileURL, target: target, location: config.location))
            } else {
                opaque.append(target)
            }
        }
        var service = Service(
            name: entry.key,
            location: entry.keyLocation,
            image: image,
            imageLocation: node["image"]?.location ?? entry.keyLocation,
            kind: image.map(ImageKind.init) ?? .application,
            healthcheck: healthcheck(node["healthcheck"]),
            dependencies: dependencies(node["depends_on"]),
            mounts: mounts,
            publishedPorts: publishedPorts(node["ports"]),
            command: words(node["command"]),
            aliases: aliases(node),
            references: (node["environment"]?.scalars.map(\.text) ?? []) + (node["command"]?.scalars.map(\.text) ?? []),
            opaqueMounts: opaque,
            isBuilt: node["build"] != nil
        )
        service.opaqueMounts += node["tmpfs"]?.stringList.map { String($0.split(separator: ":").first ?? "") } ?? []
        return service
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
            return node.elements.compactMap { element in
                element.string.map { Dependency(service: $0, condition: nil, isRequired: true, location: element.location) }
            }
        }
        return node.entries.map {
            Dependency(
                service: $0.key,
                condition: $0.value["condition"]?.string,
                isRequired: $0.value["required"]?.bool ?? true,
                location: $0.keyLocation
            )
        }
    }

    /// The bind mounts of a `volumes:` list, and the targets of the other volumes (named
    /// volumes, tmpfs), whose content cannot be seen here.
    private static func volumes(_ node: ConfigNode?, folder: URL) -> (bind: [BindMount], opaque: [String]) {
        var binds: [BindMount] = []
        var opaque: [String] = []
        for volume in node?.elements ?? [] {
            let source: String
            var target: String
            var createsHostPath = true
            var isReadOnly = false
            if let short = volume.string {
                let parts = short.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 2 else {
                    if let only = parts.first { opaque.append(only) }  // an anonymous volume
                    continue
                }
                (source, target) = (parts[0], parts[1])
                isReadOnly = parts.count > 2 && parts[2].split(separator: ",").contains("ro")
            } else if let t = volume["target"]?.string {
                target = t
                guard (volume["type"]?.string ?? "bind") == "bind", let s = volume["source"]?.string else {
                    opaque.append(target)
                    continue
                }
                source = s
                createsHostPath = volume[path: ["bind", "create_host_path"]]?.bool ?? false
                isReadOnly = volume["read_only"]?.bool ?? false
            } else {
                continue
            }
            if target.hasSuffix("/") { target = String(target.dropLast()) }
            // Named volumes hold no files of ours; `~` and variables cannot be resolved here.
            guard source.hasPrefix(".") || source.hasPrefix("/") else {
                opaque.append(target)
                continue
            }
            let host = source.hasPrefix("/") ? URL(fileURLWithPath: source) : folder.appendingPathComponent(source)
            binds.append(
                BindMount(
                    source: source,
                    host: host.standardizedFileURL,
                    target: target,
                    location: volume.location,
                    createsHostPath: createsHostPath,
                    isReadOnly: isReadOnly
                )
            )
        }
        return (binds, opaque)
    }

    private static func publishedPorts(_ node: ConfigNode?) -> Set<Int> {
        var ports = Set<Int>()
        for port in node?.elements ?? [] {
            if let target = port["target"]?.int {
                ports.insert(target)
                continue
            }
            guard let text = port.string ?? port.int.map(String.init) else { continue }
            // [ip:][host:]container[/protocol]; the host part may hold ${VAR:-} with colons,
            // and the container part may be a range (4317-4318).
            let withoutProtocol = text.split(separator: "/").first.map(String.init) ?? text
            guard let last = withoutProtocol.split(separator: ":", omittingEmptySubsequences: false).last else { continue }
            let bounds = last.split(separator: "-").compactMap { Int($0) }
            if bounds.count == 2, bounds[0] <= bounds[1], bounds[1] - bounds[0] < 1024 {
                ports.formUnion(bounds[0]...bounds[1])
            } else if let single = bounds.first {
                ports.insert(single)
            }
        }
        return ports
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
