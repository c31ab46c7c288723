public import Foundation

/// A configuration file read into a tree, with the name findings use for it.
public struct ConfigFile: Sendable {
    /// Where it is.
    public var url: URL
    /// How findings name it: relative to the working directory when inside it.
    public var name: String
    /// Its content.
    public var root: ConfigNode
    /// What kind of configuration it is.
    public var kind: ConfigKind

    /// The name a finding uses for `url`.
    static func displayName(for url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if path.hasPrefix(current + "/") { return String(path.dropFirst(current.count + 1)) }
        return path
    }
}
