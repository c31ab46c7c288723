public import OTLPWire
import TelemetryModel

/// One export request as the receiver saw it: how it arrived, what it carried, and how it was
/// answered.
public struct ReceivedRequest: Sendable {
    /// How a request arrived.
    public enum Transport: String, Sendable, Hashable, Codable {
        /// OTLP/HTTP over HTTP/1.1.
        case http1
        /// OTLP/HTTP over HTTP/2.
        case http2
        /// OTLP/gRPC.
        case grpc
    }

    /// The encoding of the body.
    public enum Encoding: String, Sendable, Hashable, Codable {
        /// `application/x-protobuf`, or a gRPC message.
        case protobuf
        /// `application/json`.
        case json
    }

    /// How the request was answered.
    public enum Outcome: Sendable, Hashable {
        /// 200 / OK with a full success.
        case accepted
        /// 200 / OK with a partial success (rejections or a warning).
        case partiallyAccepted(rejected: Int64, message: String)
        /// Refused: the HTTP status (or 200 for gRPC) and the gRPC status that was answered.
        case rejected(httpStatus: Int, status: OTLPStatus)
        /// The connection was closed or the answer withheld on purpose (a fault).
        case dropped(reason: String)

        /// Whether the telemetry was accepted (fully or partly).
        public var isAccepted: Bool {
            switch self {
            case .accepted, .partiallyAccepted: true
            case .rejected, .dropped: false
            }
        }
    }

    /// The position of the request among all requests the receiver got (from 1), per signal
    /// and overall, so a test can assert retry timelines.
    public var sequenceNumber: Int
    /// How the request arrived.
    public var transport: Transport
    /// The signal, from the path or the gRPC method.
    public var signal: OTLPSignal
    /// The HTTP path or the gRPC method path.
    public var path: String
    /// Request headers (gRPC metadata), names lowercased, in arrival order.
    public var headers: [(name: String, value: String)]
    /// The body's encoding, when it was recognised.
    public var encoding: Encoding?
    /// `Content-Encoding` (or `grpc-encoding`), when set.
    public var contentEncoding: String?
    /// The body's size as received.
    public var bodySize: Int
    /// The body's size after decompression, when it was decompressed.
    public var decompressedSize: Int?
    /// When the request arrived, Unix epoch nanoseconds.
    public var arrivalTimeUnixNano: UInt64
    /// When the request arrived, on the monotonic clock (for intervals between attempts).
    public var arrival: ContinuousClock.Instant
    /// The session named by the request header, if any.
    public var headerSession: String?
    /// The decoded telemetry; `nil` when the body could not be decoded.
    ///
    /// The receiver keeps a received body as its bytes and decodes it again on each read (see
    /// <doc:WhatItRecordsAndAnswers>): read it once into a constant when you use it more than once.
    public var payload: OTLPPayload? {
        get { recordedPayload?.payload }
        set { recordedPayload = newValue.map(RecordedPayload.decoded) }
    }
    /// The telemetry as the store holds it.
    var recordedPayload: RecordedPayload?
    /// Deviations from OTLP/JSON that lenient decoding accepted.
    public var deviations: [OTLPDecodingError]
    /// Why the body could not be decoded, if it could not.
    public var decodingError: OTLPDecodingError?
    /// How the request was answered.
    public var outcome: Outcome

    /// A request as the receiver records it; for tests that judge recorded requests without
    /// sending them (the receiver makes these itself).
    package init(
        sequenceNumber: Int = 1,
        transport: Transport = .http1,
        signal: OTLPSignal = .traces,
        path: String = "/v1/traces",
        headers: [(name: String, value: String)] = [],
        encoding: Encoding? = .protobuf,
        contentEncoding: String? = nil,
        bodySize: Int = 0,
        decompressedSize: Int? = nil,
        arrivalTimeUnixNano: UInt64 = 0,
        arrival: ContinuousClock.Instant = .now,
        headerSession: String? = nil,
        payload: OTLPPayload? = nil,
        deviations: [OTLPDecodingError] = [],
        decodingError: OTLPDecodingError? = nil,
        outcome: Outcome = .accepted
    ) {
        self.sequenceNumber = sequenceNumber
        self.transport = transport
        self.signal = signal
        self.path = path
        self.headers = headers
        self.encoding = encoding
        self.contentEncoding = contentEncoding
        self.bodySize = bodySize
        self.decompressedSize = decompressedSize
        self.arrivalTimeUnixNano = arrivalTimeUnixNano
        self.arrival = arrival
        self.headerSession = headerSession
        self.recordedPayload = payload.map(RecordedPayload.decoded)
        self.deviations = deviations
        self.decodingError = decodingError
        self.outcome = outcome
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }

    /// The `User-Agent` header (gRPC: `user-agent` metadata).
    public var userAgent: String? { header("user-agent") }

    /// How many items the request carried: spans, data points or log records.
    public var itemCount: Int { recordedPayload?.itemCount ?? 0 }
}
