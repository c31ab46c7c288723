import Foundation
import GRPCCore
import OTLPWire

/// The three OTLP/gRPC `Export` methods, registered with raw-bytes coding so that the receiver
/// decodes (and reports decoding errors with field paths) itself.
struct OTLPGRPCService: RegistrableRPCService {
    let processor: ExportProcessor

    private var limit: Int { processor.configuration.maximumRequestBodySize }

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        for signal in OTLPSignal.allCases {
            let method = MethodDescriptor(
                service: ServiceDescriptor(fullyQualifiedService: signal.grpcService),
                method: "Export"
            )
            router.registerHandler(
                forMethod: method,
                deserializer: RawBytesCoder(),
                serializer: RawBytesCoder()
            ) { request, _ in
                // grpc-swift cancels an RPC through its context, not by cancelling the handler's
                // task: bridge the two, so that a stalled answer ends when the client gives up.
                let work = Task { try await self.export(signal, method: method, request) }
                return try await withRPCCancellationHandler {
                    try await work.value
                } onCancelRPC: {
                    work.cancel()
                }
            }
        }
    }

    private func export(
        _ signal: OTLPSignal,
        method: MethodDescriptor,
        _ request: StreamingServerRequest<[UInt8]>
    ) async throws -> StreamingServerResponse<[UInt8]> {
        // Export is unary: one message. A second one is refused at once, before it is buffered.
        var body: [UInt8]?
        for try await message in request.messages {
            guard body == nil else {
                throw RPCError(code: .invalidArgument, message: "Export is unary: expected 1 request message, got more")
            }
            body = message
        }
        guard let body else {
            throw RPCError(code: .invalidArgument, message: "Export is unary: expected 1 request message, got none")
        }
        let headers = request.metadata.map { element -> (name: String, value: String) in
            switch element.value {
            case .string(let text): (element.key.lowercased(), text)
            case .binary(let bytes): (element.key.lowercased(), Data(bytes).base64EncodedString())
            }
        }
        guard body.count <= limit else {
            let status = OTLPStatus(code: .resourceExhausted, message: "request message of \(body.count) bytes is larger than \(limit) bytes")
            processor.recordUnprocessed(
                signal,
                transport: .grpc,
                path: "/\(method.fullyQualifiedMethod)",
                headers: headers,
                bodySize: body.count,
                outcome: .rejected(httpStatus: 413, status: status)
            )
            throw status.googleRPCStatus
        }
        let answer = await processor.process(
            IncomingExport(
                signal: signal,
                transport: .grpc,
                path: "/\(method.fullyQualifiedMethod)",
                headers: headers,
                encoding: .protobuf,
                contentEncoding: headers.first { $0.name == "grpc-encoding" }?.value,
                body: Data(body),
                bodySize: body.count,
                decompressedSize: nil
            )
        )
        switch answer {
        case .success(let response):
            return StreamingServerResponse(single: ServerResponse(message: [UInt8](response.protobuf)))
        case .failure(_, let status, _):
            throw status.googleRPCStatus
        case .garbage(let bytes):
            return StreamingServerResponse(single: ServerResponse(message: [UInt8](bytes)))
        }
    }
}

/// Passes message bytes through untouched.
struct RawBytesCoder: MessageSerializer, MessageDeserializer {
    func serialize<Bytes: GRPCContiguousBytes>(_ message: [UInt8]) throws -> Bytes {
        Bytes(message)
    }

    func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> [UInt8] {
        serializedMessageBytes.withUnsafeBytes { Array($0) }
    }
}
