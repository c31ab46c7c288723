import Foundation
import NIOCore
import NIOFoundationCompat
import OTLPWire

/// An export body inflated and decoded into telemetry, or the reason it was refused: the work
/// the ``DecodingPool`` does, synchronous and free of shared state.
enum ExportDecoding {
    /// Why a body was refused, and what to answer.
    enum Refusal: Error {
        /// It inflates to more than `limit` bytes.
        case tooLarge(limit: Int)
        /// It is not a complete, valid stream of its compression.
        case notCompressed(GzipBody.Format, reason: String)
        /// Its bytes are not the signal's export request.
        case undecodable(OTLPDecodingError)
        /// Inflating it would pass the bytes the receiver may hold in flight.
        case overloaded(AdmissionControl.Refusal)

        /// 413 for a body too large, 503 when overloaded, 400 otherwise.
        var httpStatus: Int {
            switch self {
            case .tooLarge: 413
            case .overloaded(let refusal): refusal.httpStatus
            case .notCompressed, .undecodable: 400
            }
        }

        /// `Retry-After` for HTTP, when the client should retry.
        var retryAfter: String? {
            if case .overloaded(let refusal) = self { refusal.retryAfter } else { nil }
        }

        /// The `google.rpc.Status` answered.
        var status: OTLPStatus {
            switch self {
            case .tooLarge(let limit): OTLPStatus(code: .resourceExhausted, message: "decompressed body larger than \(limit) bytes")
            case .notCompressed(let format, let reason): OTLPStatus(code: .invalidArgument, message: "body is not valid \(format.name): \(reason)")
            case .undecodable(let error): OTLPStatus(code: .invalidArgument, message: error.description)
            case .overloaded(let refusal): refusal.status
            }
        }

        /// The decoding error recorded with the request, when the bytes did not decode.
        var decodingError: OTLPDecodingError? {
            if case .undecodable(let error) = self { error } else { nil }
        }
    }

    /// The decoded body, and its size after inflating when it was gzip.
    struct Unpacked: Sendable {
        var decompressedSize: Int?
        var result: Result<OTLPDecoded<OTLPPayload>, Refusal>
        /// The body the telemetry decoded from, to keep in its place: a copy exactly its size,
        /// apart from the (possibly larger) buffer it arrived in.
        var encoded: EncodedPayload?
    }

    /// What decoding a body of `bodyBytes` is expected to hold until the request is recorded: the
    /// decoded telemetry's estimated heap bytes (about 2.5 times the body for protobuf with
    /// attributes, 1.25 times for OTLP/JSON, as ``MemoryFootprint`` counts a realistic request)
    /// and the copy of the body kept.
    static func expectedDecodedBytes(bodyBytes: Int, encoding: ReceivedRequest.Encoding) -> Int {
        switch encoding {
        case .protobuf: bodyBytes * 5 / 2 + bodyBytes
        case .json: bodyBytes * 5 / 4 + bodyBytes
        }
    }

    /// Inflates `export`'s body when it is compressed (at most `limit` bytes, its output counted against
    /// the request's admission), and decodes it.
    static func decode(_ export: IncomingExport, limit: Int, jsonMode: OTLPJSONDecoder.Mode) -> Unpacked {
        let admission = export.admission
        var body = export.body
        var decompressedSize: Int?
        if let format = export.compression {
            do throws(GzipBody.Failure) {
                body = try GzipBody.inflate(body, format: format, limit: limit) { bytes in admission?.reserve(bytes) ?? true }
                decompressedSize = body.readableBytes
            } catch {
                switch error {
                case .tooLarge: return Unpacked(result: .failure(.tooLarge(limit: limit)))
                case .overBudget: return Unpacked(result: .failure(.overloaded(admission?.bytesRefusal ?? .bytes(limit: 0))))
                case .invalid(let reason): return Unpacked(result: .failure(.notCompressed(format, reason: reason)))
                }
            }
        }
        let bytes = Data(buffer: body, byteTransferStrategy: .noCopy)
        // Counted before decoding, so that the store makes room before the memory is taken: the
        // decoded telemetry and the copy kept, estimated from the body's size (walking the
        // decoded telemetry to count it would cost a tenth of the decoding).
        let expected = expectedDecodedBytes(bodyBytes: bytes.count, encoding: export.encoding)
        admission?.hold(expected)
        do throws(OTLPDecodingError) {
            let decoded = try EncodedPayload.decode(export.signal, from: bytes, encoding: export.encoding, jsonMode: jsonMode)
            let encoded = EncodedPayload(
                signal: export.signal,
                encoding: export.encoding,
                jsonMode: jsonMode,
                bytes: Data(buffer: body, byteTransferStrategy: .copy),
                itemCount: decoded.value.itemCount
            )
            return Unpacked(decompressedSize: decompressedSize, result: .success(decoded), encoded: encoded)
        } catch {
            return Unpacked(decompressedSize: decompressedSize, result: .failure(.undecodable(error)))
        }
    }
}
