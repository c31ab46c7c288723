public import Foundation
import Yams

/// Why a file could not be read as a YAML or JSON document.
public struct ConfigParseError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// Where, when the parser knows.
    public var location: SourceLocation?
    /// Whether the problem is a key written twice in one mapping.
    public var isDuplicateKey: Bool

    public var description: String { location.map { "\($0): \(message)" } ?? message }
}

/// Reads YAML (and JSON, which YAML includes) into ``ConfigNode`` trees with locations.
public enum ConfigDocument {
    /// The largest file read, in bytes; larger files are reported, not read.
    public static let defaultSizeLimit = 8 << 20

    /// Parses the first document of `text`; `nil` for an empty document.
    public static func parse(_ text: String) throws(ConfigParseError) -> ConfigNode? {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.describe(error)
        } catch {
            throw ConfigParseError(message: "\(error)", location: nil, isDuplicateKey: false)
        }
        return node.map(Self.convert)
    }

    /// Parses a JSON document. YAML's parser is tried first for its locations; JSON it cannot
    /// read (tabs before a key, for example) is read by Foundation, with every node at line 1.
    public static func parseJSON(_ data: Data) throws(ConfigParseError) -> ConfigNode {
        if let text = String(data: data, encoding: .utf8), let node = try? parse(text) {
            return node
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw ConfigParseError(message: "is not valid JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error)", location: nil, isDuplicateKey: false)
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
            let entries = mapping.map { pair -> ConfigNode.Entry in
                let keyLocation = pair.key.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? location
                var value = convert(pair.value)
                // An empty value has no place of its own: use its key's.
                if value.isNull { value.location = keyLocation }
                return ConfigNode.Entry(key: pair.key.string ?? "\(pair.key.any)", keyLocation: keyLocation, value: value)
            }
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
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return ConfigParseError(message: text, location: location(context?.mark ?? mark), isDuplicateKey: false)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigParseError(
                message: "key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) is written twice in one mapping; only one value would count",
                location: location(context.mark), isDuplicateKey: true)
        case .reader(let problem, _, _, _):
            return ConfigParseError(message: "cannot be read: \(problem)", location: nil, isDuplicateKey: false)
        default:
            return ConfigParseError(message: "\(error)", location: nil, isDuplicateKey: false)
        }
    }
}
