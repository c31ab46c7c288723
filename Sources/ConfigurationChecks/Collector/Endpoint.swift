import StackConfiguration

/// A `host:port` server address as the collector's configuration writes it.
struct Endpoint: Hashable {
    /// The host; empty for all interfaces (`:4317`).
    var host: String
    /// The port.
    var port: Int

    /// Reads `host:port`, `[v6]:port` or `:port`; `nil` when it holds a variable or no port.
    init?(_ text: String) {
        guard !text.contains("${") else { return nil }
        var rest = text
        if let scheme = rest.range(of: "://") { rest = String(rest[scheme.upperBound...]) }
        rest = String(rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]) else { return nil }
        var host = String(rest[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host
        self.port = port
    }

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Whether only the container itself can connect.
    var isLoopback: Bool { ["localhost", "127.0.0.1", "::1"].contains(host.lowercased()) || host.hasPrefix("127.") }
}
