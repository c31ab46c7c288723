package import GRPCCore

/// A gRPC status code, as OTLP servers answer with it (over HTTP too, inside a `google.rpc.Status`
/// body). The project's own type, so that no grpc-swift type is part of the public API.
public enum OTLPStatusCode: Int, Sendable, Hashable, CaseIterable {
    case ok = 0
    case cancelled = 1
    case unknown = 2
    case invalidArgument = 3
    case deadlineExceeded = 4
    case notFound = 5
    case alreadyExists = 6
    case permissionDenied = 7
    case resourceExhausted = 8
    case failedPrecondition = 9
    case aborted = 10
    case outOfRange = 11
    case unimplemented = 12
    case `internal` = 13
    case unavailable = 14
    case dataLoss = 15
    case unauthenticated = 16

    /// The name the gRPC specification gives it, for example `UNAVAILABLE` (`description` is the
    /// case's name, `unavailable`, as grpc-swift prints its codes).
    public var specificationName: String {
        switch self {
        case .ok: "OK"
        case .cancelled: "CANCELLED"
        case .unknown: "UNKNOWN"
        case .invalidArgument: "INVALID_ARGUMENT"
        case .deadlineExceeded: "DEADLINE_EXCEEDED"
        case .notFound: "NOT_FOUND"
        case .alreadyExists: "ALREADY_EXISTS"
        case .permissionDenied: "PERMISSION_DENIED"
        case .resourceExhausted: "RESOURCE_EXHAUSTED"
        case .failedPrecondition: "FAILED_PRECONDITION"
        case .aborted: "ABORTED"
        case .outOfRange: "OUT_OF_RANGE"
        case .unimplemented: "UNIMPLEMENTED"
        case .internal: "INTERNAL"
        case .unavailable: "UNAVAILABLE"
        case .dataLoss: "DATA_LOSS"
        case .unauthenticated: "UNAUTHENTICATED"
        }
    }

    /// The codes an OTLP exporter retries (the OTLP specification's list).
    public static let retryable: Set<OTLPStatusCode> = [.cancelled, .deadlineExceeded, .aborted, .outOfRange, .unavailable, .dataLoss]

    /// The code as grpc-swift has it; `nil` for ``ok``, which is no error.
    package var rpcErrorCode: RPCError.Code? {
        RPCError.Code(Status.Code(rawValue: rawValue) ?? .unknown)
    }

    /// The code of grpc-swift's `code`.
    package init(_ code: RPCError.Code) {
        self = OTLPStatusCode(rawValue: code.rawValue) ?? .unknown
    }
}
