package import Foundation
import Yams

/// Why a file could not be read as a YAML or JSON document.
package struct ConfigParseError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    package var message: String
    /// Where, when the parser knows.
    package var location: SourceLocation?
    /// Whether the problem is a key written twice in one mapping.
    package var isDuplicateKey: Bool

    package var description: String { location.map { "\($0): \(message)" } ?? message }
}

/// Reads YAML (and JSON, which YAML includes) into ``ConfigNode`` trees with locations.
package enum ConfigDocument {
    /// The largest file read, in bytes; larger files are reported, not read.
    package static let defaultSizeLimit = 8 << 20

    /// Parses the one document of `text`; `nil` for an empty document.
    ///
    /// - Throws: ``ConfigParseError`` for invalid YAML and for a stream of several documents
    ///   (see ``parseAll(_:)``).
    package static func parse(_ text: String) throws(ConfigParseError) -> ConfigNode? {
        let documents = try parseAll(text)
        guard documents.count <= 1 else {
            throw ConfigParseError(message: "holds \(documents.count) YAML documents; one was expected", location: nil, isDuplicateKey: false)
        }
        return documents.first
    }

    /// Parses every document of a YAML stream (`---`-separated).
    package static func parseAll(_ text: String) throws(ConfigParseError) -> [ConfigNode] {
        do {
            // The sequence stops at the first error and keeps it, rather than throwing it.
            var documents = try Yams.compose_all(yaml: text)
            var nodes: [ConfigNode] = []
            while let node = documents.next() { nodes.append(convert(node)) }
            if let error = documents.error { throw error }
            return nodes
        } catch let error as YamlError {
            throw Self.describe(error)
        } catch {
            throw ConfigParseError(message: "\(error)", location: nil, isDuplicateKey: false)
        }
    }

    /// Parses a JSON document. YAML's parser is tried first for its locations; JSON it cannot
    /// read (tabs before a key, for example) is read by Foundation, with every node at line 1.
    package static func parseJSON(_ data: Data) throws(ConfigParseError) -> ConfigNode {
        if let text = String(data: data, encoding: .utf8), let node = try? parse(text) {
            return node
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw ConfigParseError(
                message: "is not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error)",
                location: nil,
                isDuplicateKey: false
            )
        }
        return convert(any: object)
    }

    private static func convert(_ node: Node) -> ConfigNode {
        let location = node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? .start
        switch node {
        case .scalar(let scalar):
            let isPlain = scalar.style == .plain
            if isPlain, node.null != nil { return ConfigNode(.null, at: location) }
            return ConfigNode(.scalar(scalar.string, isPlain: isPlain), at: location)
        case .mapping(let mapping):
            var entries: [ConfigNode.Entry] = []
            var merged: [ConfigNode.Entry] = []
            for pair in mapping {
                let keyLocation = pair.key.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? location
                var value = convert(pair.value)
                // An empty value has no place of its own: use its key's.
                if value.isNull { value.location = keyLocation }
                let key = pair.key.string ?? "\(pair.key.any)"
                if key == "<<", pair.key.scalar?.style == .plain {
                    // A merge key: the entries of the mapping (or mappings) it names, unless
                    // written here too (earlier merged mappings win over later ones).
                    let sources = value.isMapping ? [value] : value.elements.filter(\.isMapping)
                    for source in sources { merged += source.entries.filter { entry in !merged.contains { $0.key == entry.key } } }
                    continue
                }
                entries.append(ConfigNode.Entry(key: key, keyLocation: keyLocation, value: value))
            }
            entries += merged.filter { entry in !entries.contains { $0.key == entry.key } }
            return ConfigNode(.mapping(entries), at: location)
        case .sequence(let sequence):
            return ConfigNode(.sequence(sequence.map(convert)), at: location)
        case .alias:
            return ConfigNode(.null, at: location)
        }
    }

    private static func convert(any object: Any) -> ConfigNode {
        switch object {
        case let dictionary as [String: Any]:
            let entries = dictionary.keys.sorted().map { key in
                ConfigNode.Entry(key: key, keyLocation: .start, value: convert(any: dictionary[key]!))
            }
            return ConfigNode(.mapping(entries), at: .start)
        case let array as [Any]:
            return ConfigNode(.sequence(array.map(convert(any:))), at: .start)
        case let string as String:
            return ConfigNode(.scalar(string, isPlain: false), at: .start)
        case is NSNull:
            return ConfigNode(.null, at: .start)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return ConfigNode(.scalar(number.boolValue ? "true" : "false", isPlain: true), at: .start) }
            return ConfigNode(.scalar(number.stringValue, isPlain: true), at: .start)
        default:
            return ConfigNode(.scalar("\(object)", isPlain: true), at: .start)
        }
    }

    private static func describe(_ error: YamlError) -> ConfigParseError {
        func location(_ mark: Mark) -> SourceLocation { SourceLocation(line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // The problem's place, with the construct it was found in and where that started.
            var text = problem
            if let context, !context.text.isEmpty { text += " (\(context.text) at line \(context.mark.line))" }
            return ConfigParseError(message: text, location: location(mark), isDuplicateKey: false)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigParseError(
                message: "key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) is written twice in one mapping; only one value would count",
                location: location(context.mark),
                isDuplicateKey: true
            )
        case .reader(let problem, _, _, _):
            return ConfigParseError(message: "cannot be read: \(problem)", location: nil, isDuplicateKey: false)
        default:
            return ConfigParseError(message: "\(error)", location: nil, isDuplicateKey: false)
        }
    }
}
