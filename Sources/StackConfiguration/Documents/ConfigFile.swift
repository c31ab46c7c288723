package import Foundation

/// A configuration file read into a tree, with the name findings use for it.
package struct ConfigFile: Sendable {
    /// Where it is.
    package var url: URL
    /// How findings name it: relative to the working directory when inside it.
    package var name: String
    /// Its content.
    package var root: ConfigNode
    /// What kind of configuration it is.
    package var kind: ConfigKind

    /// Creates a file from its parts (a configuration merged from several files, say).
    package init(url: URL, name: String, root: ConfigNode, kind: ConfigKind) {
        self.url = url
        self.name = name
        self.root = root
        self.kind = kind
    }

    /// The name a finding uses for `url`.
    package static func displayName(for url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if path.hasPrefix(current + "/") { return String(path.dropFirst(current.count + 1)) }
        return path
    }
}
