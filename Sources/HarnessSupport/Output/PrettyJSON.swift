import Foundation

/// The JSON the conformance commands print: indented, keys sorted, slashes as written.
public enum PrettyJSON {
    /// `value` as JSON text (`fallback` if it cannot be encoded).
    public static func string(_ value: some Encodable, fallback: String = "null") -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return fallback }
        return String(decoding: data, as: UTF8.self)
    }
}
