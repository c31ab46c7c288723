import Foundation
import StackConfiguration

/// The configuration sources a collector service starts with, in the order the collector
/// merges them: its `--config` options (files, `yaml:` snippets, or sources the checker cannot
/// read: `env:`, `http:`, …) and its `--set` options; the image's default file without any.
struct CollectorConfigSources {
    /// One source.
    enum Source: Equatable {
        /// A file in the container.
        case file(String)
        /// A configuration written in the command: a `yaml:` snippet, or a `--set` option,
        /// as a YAML document whose keys may be `a::b::c` paths.
        case inline(String)
        /// A source whose content the checker cannot see (`env:VAR`, a URL).
        case opaque(String)
    }

    /// The sources, in the order given.
    var sources: [Source]

    /// The container paths of the file sources.
    var files: [String] {
        sources.compactMap { if case .file(let path) = $0 { path } else { nil } }
    }

    /// Whether the checker can see all of the configuration.
    var isVisible: Bool {
        !sources.contains { if case .opaque = $0 { true } else { false } }
    }

    /// Whether the configuration comes from more than one source.
    var isMerged: Bool { sources.count > 1 }

    /// The sources of `service`, running `distribution`.
    init(_ service: ComposeProject.Service, distribution: CollectorDistribution) {
        let options = service.commandOptions("--config")
        var sources: [Source]
        if !options.isEmpty {
            sources = options.map(Self.source)
        } else if let path = distribution.defaultConfigPath {
            sources = [.file(path)]
        } else if distribution == .jaeger {
            sources = [.opaque("Jaeger's built-in all-in-one configuration")]
        } else {
            sources = []
        }
        for option in service.commandOptions("--set") {
            // `--set=processors::batch::timeout=2s` (or, in older releases and Jaeger's examples,
            // `processors.batch.timeout=2s`): a key path and a YAML value.
            guard let equals = option.firstIndex(of: "=") else { continue }
            var path = String(option[..<equals])
            if !path.contains("::") { path = path.replacingOccurrences(of: ".", with: "::") }
            sources.append(.inline("\(path): \(option[option.index(after: equals)...])"))
        }
        self.sources = sources
    }

    /// The source a `--config` value names: `file:PATH` or a bare path, `yaml:…`, or another
    /// scheme.
    static func source(_ option: String) -> Source {
        if option.hasPrefix("file:") { return .file(String(option.dropFirst(5))) }
        if option.hasPrefix("yaml:") { return .inline(String(option.dropFirst(5))) }
        // A URI scheme is letters before `:`; a path has none.
        if let colon = option.firstIndex(of: ":"), option[..<colon].allSatisfy({ $0.isLetter }), !option[..<colon].isEmpty {
            return .opaque(option)
        }
        return .file(option)
    }
}
