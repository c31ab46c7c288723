import Foundation
import GRPCCore
import OTLPWire
import TelemetryModel

/// One export request, as a transport hands it over: already decompressed and size-checked.
struct IncomingExport: Sendable {
    var signal: OTLPSignal
    var transport: ReceivedRequest.Transport
    var path: String
    var headers: [(name: String, value: String)]
    var encoding: ReceivedRequest.Encoding
    var contentEncoding: String?
    var body: Data
    var bodySize: Int
    var decompressedSize: Int?
}

/// What a transport must answer.
enum ExportAnswer: Sendable {
    /// 200 / OK with this response body.
    case success(OTLPExportResponse)
    /// A failure: the HTTP status, the `google.rpc.Status`, and a `Retry-After` value for HTTP.
    case failure(httpStatus: Int, status: OTLPStatus, retryAfter: String?)
}

/// Decodes, records and answers export requests, whatever transport they came by.
struct ExportProcessor: Sendable {
    let configuration: OTLPReceiverConfiguration
    let store: ReceivedTelemetryStore

    func process(_ export: IncomingExport) -> ExportAnswer {
        let arrival = ContinuousClock.now
        var request = ReceivedRequest(
            sequenceNumber: store.nextSequenceNumber(),
            transport: export.transport,
            signal: export.signal,
            path: export.path,
            headers: export.headers,
            encoding: export.encoding,
            contentEncoding: export.contentEncoding,
            bodySize: export.bodySize,
            decompressedSize: export.decompressedSize,
            arrivalTimeUnixNano: UInt64(Date().timeIntervalSince1970 * 1e9),
            arrival: arrival,
            headerSession: export.headers.first { $0.name == configuration.sessionHeader.lowercased() }?.value,
            payload: nil,
            deviations: [],
            decodingError: nil,
            outcome: .accepted
        )
        do {
            switch export.encoding {
            case .protobuf:
                request.payload = try OTLPPayload.decodeProtobuf(export.signal, from: export.body)
            case .json:
                let decoded = try OTLPPayload.decodeJSON(
                    export.signal, from: export.body, using: OTLPJSONDecoder(mode: configuration.jsonMode))
                request.payload = decoded.value
                request.deviations = decoded.deviations
            }
        } catch {
            let status = OTLPStatus(code: .invalidArgument, message: error.description)
            request.decodingError = error
            request.outcome = .rejected(httpStatus: 400, status: status)
            store.record(request)
            return .failure(httpStatus: 400, status: status, retryAfter: nil)
        }
        store.record(request)
        return .success(OTLPExportResponse(signal: export.signal))
    }
}
