import Foundation
import OTLPWire

/// A recorded request's telemetry as the store holds it: decoded, or as the bytes it arrived as.
///
/// Decoded telemetry is larger than its protobuf: a span with 10 attributes holds about 720
/// resident bytes decoded and about 450 on the wire. So the store keeps a received request's body
/// (after inflating) and decodes it again when it is read. The decoders are deterministic, so a
/// read gives the telemetry the request decoded to when it arrived. Telemetry set by hand (a
/// test's own request) stays decoded.
enum RecordedPayload: Sendable {
    /// Telemetry held as a model.
    case decoded(OTLPPayload)
    /// Telemetry held as the body it was decoded from.
    case encoded(EncodedPayload)

    /// The telemetry, decoded again when it is held encoded.
    var payload: OTLPPayload? {
        switch self {
        case .decoded(let payload): payload
        case .encoded(let encoded): encoded.decode()
        }
    }

    /// How many items the telemetry holds: spans, data points or log records.
    var itemCount: Int {
        switch self {
        case .decoded(let payload): payload.itemCount
        case .encoded(let encoded): encoded.itemCount
        }
    }

    /// The heap bytes held (an estimate for decoded telemetry; the body's size for encoded).
    var heapBytes: Int {
        switch self {
        case .decoded(let payload): payload.heapBytes
        case .encoded(let encoded): HeapSize.of(encoded.bytes)
        }
    }
}

/// A request's body after inflating, with what decoding it again needs.
struct EncodedPayload: Sendable {
    /// The export's signal.
    var signal: OTLPSignal
    /// The body's encoding.
    var encoding: ReceivedRequest.Encoding
    /// How JSON was decoded when it arrived (lenient or strict), so that reading decodes alike.
    var jsonMode: OTLPJSONDecoder.Mode
    /// The body, exactly as many bytes as it has.
    var bytes: Data
    /// The items the body decoded to, counted when it arrived.
    var itemCount: Int

    /// The telemetry the body decodes to; `nil` only if the decoders stopped being deterministic,
    /// since the same bytes were decoded when the request arrived.
    func decode() -> OTLPPayload? {
        try? Self.decode(signal, from: bytes, encoding: encoding, jsonMode: jsonMode).value
    }

    /// The telemetry of `signal` that `bytes` in `encoding` decode to, with the deviations from
    /// OTLP/JSON that `jsonMode` accepted: how a body is decoded when it arrives and when it is
    /// read again.
    static func decode(
        _ signal: OTLPSignal,
        from bytes: Data,
        encoding: ReceivedRequest.Encoding,
        jsonMode: OTLPJSONDecoder.Mode
    ) throws(OTLPDecodingError) -> OTLPDecoded<OTLPPayload> {
        switch encoding {
        case .protobuf: OTLPDecoded(value: try OTLPPayload.decodeProtobuf(signal, from: bytes))
        case .json: try OTLPPayload.decodeJSON(signal, from: bytes, using: OTLPJSONDecoder(mode: jsonMode))
        }
    }
}
