public import Foundation
import SwiftProtobuf
public import TelemetryModel

/// Encodes and decodes OTLP export requests in the protobuf encoding (`application/x-protobuf`
/// over HTTP, and the gRPC message bodies).
public enum OTLPProtobuf {
    /// Decodes an `ExportTraceServiceRequest`.
    ///
    /// Requests as exporters send them are read straight into the model; anything unusual goes
    /// through SwiftProtobuf's generated messages, which decide it and name what is wrong.
    ///
    /// - Throws: ``OTLPDecodingError`` naming the offending field for malformed bytes, ids of the
    ///   wrong length and enum values the schema does not define.
    public static func decodeTraces(_ bytes: Data) throws(OTLPDecodingError) -> TracesData {
        if let traces = DirectTracesDecoder.decode(bytes) { return traces }
        return try decodeTracesThroughGeneratedMessages(bytes)
    }

    /// Decodes an `ExportTraceServiceRequest` through SwiftProtobuf's generated messages: the
    /// reference the direct decoder is checked against.
    package static func decodeTracesThroughGeneratedMessages(_ bytes: Data) throws(OTLPDecodingError) -> TracesData {
        try TracesData(wire: parse(PBTracesRequest.self, bytes))
    }

    /// Decodes an `ExportTraceServiceRequest` with the direct decoder only; `nil` where it gives
    /// the request to the generated messages.
    package static func decodeTracesDirectly(_ bytes: Data) -> TracesData? {
        DirectTracesDecoder.decode(bytes)
    }

    /// Decodes an `ExportMetricsServiceRequest`.
    public static func decodeMetrics(_ bytes: Data) throws(OTLPDecodingError) -> MetricsData {
        try MetricsData(wire: parse(PBMetricsRequest.self, bytes))
    }

    /// Decodes an `ExportLogsServiceRequest`.
    public static func decodeLogs(_ bytes: Data) throws(OTLPDecodingError) -> LogsData {
        try LogsData(wire: parse(PBLogsRequest.self, bytes))
    }

    /// Encodes traces as an `ExportTraceServiceRequest`.
    public static func encode(_ traces: TracesData) -> Data {
        serialize(traces.wire)
    }

    /// Encodes metrics as an `ExportMetricsServiceRequest`.
    public static func encode(_ metrics: MetricsData) -> Data {
        serialize(metrics.wire)
    }

    /// Encodes logs as an `ExportLogsServiceRequest`.
    public static func encode(_ logs: LogsData) -> Data {
        serialize(logs.wire)
    }

    /// How deeply protobuf messages may nest. Each level of a nested attribute value costs up to
    /// three message levels (AnyValue → KeyValueList → KeyValue), so this leaves room for the 64
    /// levels the model accepts below a span, metric point or log record.
    static let maximumMessageDepth = 8 + 3 * maximumAttributeValueDepth

    static func parse<Message: SwiftProtobuf.Message>(_: Message.Type, _ bytes: Data) throws(OTLPDecodingError) -> Message {
        do {
            var options = BinaryDecodingOptions()
            options.messageDepthLimit = maximumMessageDepth
            return try Message(serializedBytes: bytes, options: options)
        } catch {
            throw ProtobufDiagnosis.locate(error, in: bytes, root: Message.self)
        }
    }

    static func serialize(_ message: some SwiftProtobuf.Message) -> Data {
        do {
            return try message.serializedBytes()
        } catch {
            // Serialization fails only for messages missing required fields, which proto3 has none of.
            preconditionFailure("serializing \(type(of: message)) failed: \(error)")
        }
    }
}
