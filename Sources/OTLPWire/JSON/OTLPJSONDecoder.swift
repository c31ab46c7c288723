public import Foundation
public import TelemetryModel

/// Decodes OTLP/JSON export requests (`application/json`) as the OTLP specification maps them:
/// hex trace and span ids (either case), enums as integers, lowerCamelCase keys, 64-bit
/// integers as strings or numbers, unknown fields ignored.
///
/// In ``Mode-swift.enum/strict`` mode, base64 ids (protobuf's canonical JSON, which some
/// exporters send), snake_case keys and enum names are errors. In ``Mode-swift.enum/lenient``
/// mode they are accepted and each one is reported in ``OTLPDecoded/deviations``.
public struct OTLPJSONDecoder: Sendable {
    /// How to treat input that breaks the OTLP/JSON mapping in a recoverable way.
    public enum Mode: Sendable, Hashable {
        /// Reject it, as a conforming collector does.
        case strict
        /// Accept it and report each deviation.
        case lenient
    }

    /// Strict or lenient.
    public var mode: Mode
    /// The deepest JSON nesting accepted; deeper input is rejected before it is decoded.
    public var maximumDepth: Int

    /// The default nesting limit, 276: room for the OTLP envelope (20 levels at most, below an
    /// exemplar) plus attribute values nested 64 levels deep, the limit the model accepts, at
    /// four JSON levels each (`{"kvlistValue":{"values":[{"value":{…`).
    public static let defaultMaximumDepth = 20 + 4 * maximumAttributeValueDepth

    /// Creates a decoder.
    ///
    /// - Parameters:
    ///   - mode: Strict (the default) or lenient.
    ///   - maximumDepth: The deepest JSON nesting accepted; deeper input is rejected with
    ///     `.nestingTooDeep` before any of it is decoded.
    public init(mode: Mode = .strict, maximumDepth: Int = OTLPJSONDecoder.defaultMaximumDepth) {
        self.mode = mode
        self.maximumDepth = maximumDepth
    }

    /// Decodes an `ExportTraceServiceRequest`: in one pass when it is what exporters send
    /// (`DirectJSONTracesDecoder`), else through a parsed tree, which names what is wrong.
    public func decodeTraces(_ bytes: Data) throws(OTLPDecodingError) -> OTLPDecoded<TracesData> {
        if let traces = DirectJSONTracesDecoder.decode(bytes, maximumDepth: maximumDepth) { return OTLPDecoded(value: traces) }
        return try decodeTracesThroughTree(bytes)
    }

    /// Decodes an `ExportTraceServiceRequest` through a parsed ``JSONValue`` tree: the reference
    /// the direct decoder is checked against.
    package func decodeTracesThroughTree(_ bytes: Data) throws(OTLPDecodingError) -> OTLPDecoded<TracesData> {
        try decode(bytes) { (reader: inout JSONReader, json) throws(OTLPDecodingError) in try reader.traces(json) }
    }

    /// Decodes an `ExportTraceServiceRequest` with the direct decoder only; `nil` where it gives
    /// the request to the tree reader.
    package func decodeTracesDirectly(_ bytes: Data) -> TracesData? {
        DirectJSONTracesDecoder.decode(bytes, maximumDepth: maximumDepth)
    }

    /// Decodes an `ExportMetricsServiceRequest`.
    public func decodeMetrics(_ bytes: Data) throws(OTLPDecodingError) -> OTLPDecoded<MetricsData> {
        try decode(bytes) { (reader: inout JSONReader, json) throws(OTLPDecodingError) in try reader.metrics(json) }
    }

    /// Decodes an `ExportLogsServiceRequest`.
    public func decodeLogs(_ bytes: Data) throws(OTLPDecodingError) -> OTLPDecoded<LogsData> {
        try decode(bytes) { (reader: inout JSONReader, json) throws(OTLPDecodingError) in try reader.logs(json) }
    }

    private func decode<Value>(
        _ bytes: Data,
        _ body: (inout JSONReader, JSONValue) throws(OTLPDecodingError) -> Value
    ) throws(OTLPDecodingError) -> OTLPDecoded<Value> {
        let json = try JSONParser.parse([UInt8](bytes), maximumDepth: maximumDepth)
        var reader = JSONReader(lenient: mode == .lenient)
        let value = try body(&reader, json)
        return OTLPDecoded(value: value, deviations: reader.deviations)
    }
}

/// A decoded payload and the deviations from the OTLP/JSON mapping that lenient mode accepted.
public struct OTLPDecoded<Value: Sendable>: Sendable {
    /// The decoded telemetry.
    public var value: Value
    /// Each accepted deviation, as the error strict mode would have thrown for it.
    public var deviations: [OTLPDecodingError]

    /// Creates a result.
    public init(value: Value, deviations: [OTLPDecodingError] = []) {
        self.value = value
        self.deviations = deviations
    }
}

extension OTLPDecoded: Equatable where Value: Equatable {}
