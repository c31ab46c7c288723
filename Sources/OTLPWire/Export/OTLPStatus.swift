public import Foundation
package import GRPCCore
package import GRPCProtobuf

/// A `google.rpc.Status`: what OTLP servers answer with a failure, in the HTTP body (in the
/// request's content type) or as the gRPC status, optionally with a `RetryInfo` detail telling
/// the client how long to wait before retrying.
public struct OTLPStatus: Sendable, Hashable {
    /// The gRPC status code (for HTTP answers too, as the Status message carries one).
    public var code: OTLPStatusCode
    /// A developer-facing message.
    public var message: String
    /// The delay of a `google.rpc.RetryInfo` detail, if any.
    public var retryDelay: Duration?

    /// Creates a status.
    public init(code: OTLPStatusCode, message: String, retryDelay: Duration? = nil) {
        self.code = code
        self.message = message
        self.retryDelay = retryDelay
    }

    /// The status as grpc-swift's `GoogleRPCStatus`, which a gRPC handler throws.
    package var googleRPCStatus: GoogleRPCStatus {
        GoogleRPCStatus(
            code: code.rpcErrorCode ?? .unknown,
            message: message,
            details: retryDelay.map { [ErrorDetails.retryInfo(.init(delay: $0))] } ?? []
        )
    }

    /// The `google.rpc.Status` message in the protobuf encoding.
    public var protobuf: Data {
        (try? googleRPCStatus.serializedBytes()) ?? Data()
    }

    /// The `google.rpc.Status` message in JSON: `{"code":14,"message":"…","details":[…]}`, with
    /// a `RetryInfo` detail as `{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}`.
    public var json: Data {
        var writer = JSONWriter()
        writer.object { writer in
            writer.key("code")
            writer.number(code.rawValue)
            writer.key("message")
            writer.string(message)
            if let retryDelay {
                writer.key("details")
                writer.array { writer in
                    writer.object { writer in
                        writer.key("@type")
                        writer.string("type.googleapis.com/google.rpc.RetryInfo")
                        writer.key("retryDelay")
                        writer.string(Self.protobufDuration(retryDelay))
                    }
                }
            }
        }
        return Data(writer.bytes)
    }

    /// A duration as protobuf JSON writes it: seconds with up to 9 fractional digits and `s`.
    static func protobufDuration(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = attoseconds / 1_000_000_000
        guard nanoseconds != 0 else { return "\(seconds)s" }
        var fraction = String(nanoseconds)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(seconds).\(fraction)s"
    }
}
