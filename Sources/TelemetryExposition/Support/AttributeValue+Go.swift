import Foundation
import TelemetryModel

extension AttributeValue {
    /// The value as the collector's `pcommon.Value.AsString()` renders it, which is what the
    /// prometheus exporter puts in label values and the Jaeger translator in string tags:
    /// strings as they are, integers in decimal, doubles as Go's encoding/json writes them,
    /// bytes in standard base64, lists and maps as compact JSON (map keys sorted), empty as "".
    var goString: String {
        switch self {
        case .string(let value): value
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): Self.goFloatString(value)
        case .bytes(let value): value.base64EncodedString()
        case .array, .keyValueList: goJSON ?? ""
        case .empty: ""
        }
    }

    /// pcommon's `float64AsString`: the encoding/json layout, and for NaN and infinities the
    /// message of the error encoding/json would return.
    private static func goFloatString(_ value: Double) -> String {
        guard value.isFinite else {
            return "json: unsupported value: " + GoFloat.shortestG(value)
        }
        return GoFloat.json(value)
    }

    /// `json.Marshal(value.AsRaw())`, or `nil` where Go's marshalling fails (a NaN or an
    /// infinity anywhere inside), in which case pcommon yields an empty string.
    private var goJSON: String? {
        guard isJSONEncodable else { return nil }
        var writer = GoJSONWriter()
        writeRaw(to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private var isJSONEncodable: Bool {
        switch self {
        case .double(let value): value.isFinite
        case .array(let values): values.allSatisfy(\.isJSONEncodable)
        case .keyValueList(let attributes): attributes.allSatisfy(\.value.isJSONEncodable)
        default: true
        }
    }

    private func writeRaw(to writer: inout GoJSONWriter) {
        switch self {
        case .string(let value): writer.string(value)
        case .bool(let value): writer.bool(value)
        case .int(let value): writer.integer(value)
        case .double(let value): writer.double(value)
        case .bytes(let value): writer.string(value.base64EncodedString())
        case .array(let values):
            writer.array { writer in
                for value in values { value.writeRaw(to: &writer) }
            }
        case .keyValueList(let attributes):
            // AsRaw builds a Go map, which encoding/json writes with sorted keys; a repeated
            // key keeps its last value.
            var latest: [String: AttributeValue] = [:]
            for pair in attributes { latest[pair.key] = pair.value }
            writer.object { writer in
                for key in latest.keys.sorted(by: utf8Less) {
                    writer.key(key)
                    latest[key]!.writeRaw(to: &writer)
                }
            }
        case .empty: writer.null()
        }
    }
}
