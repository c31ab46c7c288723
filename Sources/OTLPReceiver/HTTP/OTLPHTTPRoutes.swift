import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OTLPWire

/// The OTLP/HTTP endpoints: `POST /v1/traces|metrics|logs` with protobuf or JSON bodies,
/// optionally gzip-compressed, answered in the request's content type as the OTLP
/// specification prescribes (200 with an `Export…ServiceResponse`; 400 with a `google.rpc.Status`
/// for undecodable data; 413 above the size limit; 415 for other content types or encodings;
/// 405 for other methods).
struct OTLPHTTPRoutes: Sendable {
    let configuration: OTLPReceiverConfiguration
    let processor: ExportProcessor
    /// HTTP/1.1 or h2c, for the record.
    let transport: ReceivedRequest.Transport

    func register(on router: Router<BasicRequestContext>) {
        for signal in OTLPSignal.allCases {
            router.post(RouterPath(signal.httpPath)) { request, _ in
                await self.export(signal, request)
            }
            for method in [HTTPRequest.Method.get, .put, .delete, .patch, .head] {
                router.on(RouterPath(signal.httpPath), method: method) { _, _ in
                    var headers = HTTPFields()
                    headers[.allow] = "POST"
                    return Response(status: .methodNotAllowed, headers: headers)
                }
            }
        }
    }

    func export(_ signal: OTLPSignal, _ request: Request) async -> Response {
        let headers = request.headers.map { (name: $0.name.canonicalName.lowercased(), value: $0.value) }
        let contentType = request.headers[.contentType]?
            .split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let encoding: ReceivedRequest.Encoding
        switch contentType {
        case "application/x-protobuf": encoding = .protobuf
        case "application/json": encoding = .json
        default:
            return refuse(
                signal,
                415,
                .init(
                    code: .invalidArgument,
                    message: "unsupported content type \(contentType ?? "(none)"); OTLP/HTTP takes application/x-protobuf or application/json"
                ),
                .json,
                request,
                headers: headers,
                bodySize: 0
            )
        }
        let contentEncoding = request.headers[.contentEncoding]?.lowercased()
        guard contentEncoding == nil || contentEncoding == "gzip" || contentEncoding == "identity" else {
            return refuse(
                signal,
                415,
                .init(code: .invalidArgument, message: "unsupported Content-Encoding \(contentEncoding!); OTLP/HTTP takes gzip or none"),
                encoding,
                request,
                headers: headers,
                bodySize: 0
            )
        }

        let limit = configuration.maximumRequestBodySize
        // Past the limits on work in flight: a retryable refusal, before the body is read.
        let admission: AdmissionControl.Admission
        switch processor.admission.admit() {
        case .success(let admitted): admission = admitted
        case .failure(let refusal): return refuse(signal, refusal, encoding, request, headers: headers, bodySize: 0)
        }
        let declaredLength = request.headers[.contentLength].flatMap(Int.init).map { min($0, limit) }
        if let declaredLength, !admission.reserve(declaredLength) {
            return refuse(signal, admission.bytesRefusal, encoding, request, headers: headers, bodySize: 0)
        }
        let body: ByteBuffer
        do {
            body = try await Self.collect(request.body, upTo: limit, declaredLength: declaredLength)
        } catch let timeout as RequestReceiveTimeout {
            return refuse(
                signal,
                408,
                .init(code: .deadlineExceeded, message: timeout.description),
                encoding,
                request,
                headers: headers,
                bodySize: 0
            )
        } catch is NIOTooManyBytesError {
            return refuse(
                signal,
                413,
                .init(code: .resourceExhausted, message: "request body larger than \(limit) bytes"),
                encoding,
                request,
                headers: headers,
                bodySize: 0
            )
        } catch {
            return refuse(
                signal,
                400,
                .init(code: .invalidArgument, message: "the request body could not be read: \(error)"),
                encoding,
                request,
                headers: headers,
                bodySize: 0
            )
        }
        if declaredLength == nil, !admission.reserve(body.readableBytes) {
            return refuse(signal, admission.bytesRefusal, encoding, request, headers: headers, bodySize: body.readableBytes)
        }
        // Inflating (the limit enforced while inflating: a gzip bomb stops at `limit` bytes) and
        // decoding happen on the processor's own threads.
        let answer = await processor.process(
            IncomingExport(
                signal: signal,
                transport: transport,
                path: signal.httpPath,
                headers: headers,
                encoding: encoding,
                contentEncoding: contentEncoding,
                body: body,
                compression: contentEncoding == "gzip" ? .gzip : nil,
                admission: admission
            )
        )
        // The request counts as in flight until it is answered (a stalled answer included).
        withExtendedLifetime(admission) {}
        switch answer {
        case .success(let response):
            return respond(.ok, encoding == .json ? response.json : response.protobuf, encoding, request)
        case .failure(let httpStatus, let status, let retryAfter):
            var response = failure(httpStatus, status, encoding, request)
            if let retryAfter { response.headers[.retryAfter] = retryAfter }
            return response
        case .garbage(let bytes):
            return respond(.ok, bytes, encoding, request)
        }
    }

    /// Answers a request refused for the limits on work in flight (503 with `Retry-After`), and
    /// records it.
    private func refuse(
        _ signal: OTLPSignal,
        _ refusal: AdmissionControl.Refusal,
        _ encoding: ReceivedRequest.Encoding,
        _ request: Request,
        headers: [(name: String, value: String)],
        bodySize: Int
    ) -> Response {
        var response = refuse(signal, refusal.httpStatus, refusal.status, encoding, request, headers: headers, bodySize: bodySize)
        response.headers[.retryAfter] = refusal.retryAfter
        return response
    }

    /// Answers a request refused before decoding, and records it.
    private func refuse(
        _ signal: OTLPSignal,
        _ httpStatus: Int,
        _ status: OTLPStatus,
        _ encoding: ReceivedRequest.Encoding,
        _ request: Request,
        headers: [(name: String, value: String)],
        bodySize: Int
    ) -> Response {
        processor.recordUnprocessed(
            signal,
            transport: transport,
            path: signal.httpPath,
            headers: headers,
            bodySize: bodySize,
            outcome: .rejected(httpStatus: httpStatus, status: status)
        )
        return failure(httpStatus, status, encoding, request)
    }

    private func failure(_ httpStatus: Int, _ status: OTLPStatus, _ encoding: ReceivedRequest.Encoding, _ request: Request) -> Response {
        respond(HTTPResponse.Status(code: httpStatus), encoding == .json ? status.json : status.protobuf, encoding, request)
    }

    /// A response in the request's content type, gzip-compressed when the client accepts it.
    private func respond(_ status: HTTPResponse.Status, _ body: Data, _ encoding: ReceivedRequest.Encoding, _ request: Request) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = encoding == .json ? "application/json" : "application/x-protobuf"
        var buffer = ByteBuffer(bytes: body)
        // gzip, unless its quality is 0 ("gzip;q=0" refuses it).
        let acceptsGzip =
            request.headers[.acceptEncoding]?.lowercased().split(separator: ",").contains { coding in
                let parts = coding.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.first == "gzip" else { return false }
                return !parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "").hasPrefix("q=0") && Double($0.dropFirst(2)) == 0 }
            } ?? false
        if acceptsGzip, let compressed = try? buffer.compress(with: .gzip()) {
            buffer = compressed
            headers[.contentEncoding] = "gzip"
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// The body, read into one buffer of the announced size when the request announces one, so
    /// that a large body is not copied into ever larger buffers as it arrives (each regrowth
    /// holds the old and the new buffer at once); more than `limit` bytes is
    /// `NIOTooManyBytesError`.
    static func collect(_ body: RequestBody, upTo limit: Int, declaredLength: Int?) async throws -> ByteBuffer {
        var collected = ByteBuffer()
        if let declaredLength, declaredLength <= limit { collected.reserveCapacity(declaredLength) }
        for try await chunk in body {
            guard chunk.readableBytes <= limit - collected.readableBytes else { throw NIOTooManyBytesError(maxBytes: limit) }
            collected.writeImmutableBuffer(chunk)
        }
        return collected
    }
}
