package import Foundation

/// Reads configuration files once each, and turns what cannot be read into findings.
package struct FileLoader {
    /// The largest file read, in bytes.
    package var sizeLimit: Int
    private var cache: [String: ConfigFile?] = [:]
    /// Where the info finding of a searched file that failed to parse is, by path: loaded
    /// again as the stack's (named, or mounted), it becomes an error.
    private var downgraded: [String: Int] = [:]
    /// The files read (or tried), by path.
    package var paths: [String] { cache.keys.sorted() }
    /// Findings about files that could not be read.
    package private(set) var findings: [Finding] = []

    package init(sizeLimit: Int = ConfigDocument.defaultSizeLimit) {
        self.sizeLimit = sizeLimit
    }

    /// The file at `url`, parsed; `nil` (and a finding) when it cannot be read. A file found
    /// by searching a folder (`searched`) that is not valid YAML or JSON is most likely not
    /// the stack's (a Helm template, say): its finding is info, not an error.
    package mutating func load(_ url: URL, searched: Bool = false) -> ConfigFile? {
        let key = url.standardizedFileURL.path
        if let cached = cache[key] {
            if !searched, let index = downgraded.removeValue(forKey: key) {
                findings[index].severity = ConfigRules.unreadable.severity
                findings[index].message = findings[index].message.replacingOccurrences(of: Self.skippedNote, with: "")
            }
            return cached
        }
        let file = read(url.standardizedFileURL, searched: searched)
        cache[key] = file
        return file
    }

    package static let skippedNote = "; skipped (found by searching a folder, and its name is not a stack file's)"

    /// Whether a file's name says it configures the stack (a compose file, a collector,
    /// Prometheus or Grafana file, a dashboard).
    package static func namesStackConfiguration(_ url: URL) -> Bool {
        let path = url.path.lowercased()
        let name = url.lastPathComponent.lowercased()
        return name.hasPrefix("docker-compose") || name.hasPrefix("compose.") || name.hasPrefix("compose-")
            || ["otel", "collector", "prometheus", "grafana", "datasource", "dashboard", "provider"].contains { name.contains($0) }
            || name.hasPrefix("config.")
            || (name.hasSuffix(".json") && path.contains("dashboard"))
    }

    private mutating func read(_ url: URL, searched: Bool) -> ConfigFile? {
        let name = ConfigFile.displayName(for: url)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else {
            findings.append(ConfigRules.unreadable.finding("\(url.path) does not exist or cannot be read", in: name, at: nil, fix: "Check the path."))
            return nil
        }
        guard size <= sizeLimit else {
            findings.append(
                ConfigRules.unreadable.finding(
                    "is \(size) bytes, over the limit of \(sizeLimit) bytes; not checked",
                    in: name,
                    at: nil,
                    fix: "Raise the limit with --max-file-size if the file is meant to be this large."
                )
            )
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            findings.append(ConfigRules.unreadable.finding("cannot be read", in: name, at: nil))
            return nil
        }
        do {
            let root: ConfigNode
            if url.pathExtension.lowercased() == "json" {
                root = try ConfigDocument.parseJSON(data)
            } else {
                guard let text = String(data: data, encoding: .utf8) else {
                    findings.append(ConfigRules.unreadable.finding("is not UTF-8 text", in: name, at: nil))
                    return nil
                }
                // An empty document (a trailing `---`) is no document.
                let documents = try ConfigDocument.parseAll(text).filter { !$0.isNull }
                // A stream of several documents (Kubernetes manifests) configures none of the
                // stack's components.
                guard documents.count <= 1 else { return ConfigFile(url: url, name: name, root: documents[0], kind: .other) }
                root = documents.first ?? ConfigNode(.null, at: .start)
            }
            return ConfigFile(url: url, name: name, root: root, kind: ConfigKind.of(root, url: url))
        } catch {
            let rule = error.isDuplicateKey ? ConfigRules.duplicateKey : ConfigRules.unreadable
            var message =
                error.isDuplicateKey ? error.message : "is not valid \(url.pathExtension.lowercased() == "json" ? "JSON" : "YAML"): \(error.message)"
            let minor = searched && !error.isDuplicateKey && !Self.namesStackConfiguration(url)
            if minor {
                message += Self.skippedNote
                downgraded[url.path] = findings.count
            }
            findings.append(rule.finding(message, in: name, at: error.location, severity: minor ? .info : nil))
            return nil
        }
    }
}
