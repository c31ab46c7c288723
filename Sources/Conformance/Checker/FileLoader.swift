import Foundation

/// Reads configuration files once each, and turns what cannot be read into findings.
struct FileLoader {
    /// The largest file read, in bytes.
    var sizeLimit: Int
    private var cache: [String: ConfigFile?] = [:]
    /// Findings about files that could not be read.
    private(set) var findings: [Finding] = []

    init(sizeLimit: Int = ConfigDocument.defaultSizeLimit) {
        self.sizeLimit = sizeLimit
    }

    /// The file at `url`, parsed; `nil` (and a finding) when it cannot be read.
    mutating func load(_ url: URL) -> ConfigFile? {
        let key = url.standardizedFileURL.path
        if let cached = cache[key] { return cached }
        let file = read(url.standardizedFileURL)
        cache[key] = file
        return file
    }

    private mutating func read(_ url: URL) -> ConfigFile? {
        let name = ConfigFile.displayName(for: url)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else {
            findings.append(ConfigRules.unreadable.finding("\(url.path) does not exist or cannot be read", in: name, at: nil))
            return nil
        }
        guard size <= sizeLimit else {
            findings.append(ConfigRules.unreadable.finding("is \(size) bytes, over the limit of \(sizeLimit) bytes; not checked", in: name, at: nil,
                                                          fix: "Raise the limit with --max-file-size if the file is meant to be this large."))
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
                root = try ConfigDocument.parse(text) ?? ConfigNode(.null, at: .start)
            }
            return ConfigFile(url: url, name: name, root: root, kind: ConfigKind.of(root, url: url))
        } catch {
            let rule = error.isDuplicateKey ? ConfigRules.duplicateKey : ConfigRules.unreadable
            findings.append(rule.finding(error.isDuplicateKey ? error.message : "is not valid \(url.pathExtension.lowercased() == "json" ? "JSON" : "YAML"): \(error.message)",
                                         in: name, at: error.location))
            return nil
        }
    }
}
