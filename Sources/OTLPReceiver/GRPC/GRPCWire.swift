import Foundation
import NIOCore
import NIOHPACK
import OTLPWire

/// The parts of gRPC over HTTP/2 that a unary server speaks (gRPC's PROTOCOL-HTTP2.md): the
/// length-prefixed message, the `grpc-timeout` header, and the status in headers or trailers.
enum GRPCWire {
    /// The bytes before each message: a compressed flag and a 4-byte big-endian length.
    static let prefixBytes = 5

    /// Whether `value` is the content type of a gRPC request in protobuf: `application/grpc` or
    /// `application/grpc+proto`, parameters aside. (Other codecs, `+json` among them, are refused
    /// as gRPC servers refuse them: the receiver would read their messages as protobuf.)
    static func isGRPCContentType(_ value: String) -> Bool {
        let type = value.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return type == "application/grpc" || type == "application/grpc+proto"
    }

    /// The message compressions the receiver inflates, by their `grpc-encoding` names.
    enum Compression: String, CaseIterable {
        case identity
        case deflate
        case gzip

        /// The format a compressed message is inflated from.
        var format: GzipBody.Format? {
            switch self {
            case .identity: nil
            case .deflate: .zlib
            case .gzip: .gzip
            }
        }

        /// The value of `grpc-accept-encoding`.
        static var acceptEncoding: String { allCases.map(\.rawValue).joined(separator: ",") }
    }

    /// The duration a `grpc-timeout` value stands for: at most 8 ASCII digits and a unit (`H`,
    /// `M`, `S`, `m`, `u` or `n`); `nil` when it is malformed.
    static func timeout(_ value: String) -> Duration? {
        let bytes = Array(value.utf8)
        guard (2...9).contains(bytes.count), let unit = bytes.last else { return nil }
        var amount: Int64 = 0
        for digit in bytes.dropLast() {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            amount = amount * 10 + Int64(digit - UInt8(ascii: "0"))
        }
        switch unit {
        case UInt8(ascii: "H"): return .seconds(amount * 3600)
        case UInt8(ascii: "M"): return .seconds(amount * 60)
        case UInt8(ascii: "S"): return .seconds(amount)
        case UInt8(ascii: "m"): return .milliseconds(amount)
        case UInt8(ascii: "u"): return .microseconds(amount)
        case UInt8(ascii: "n"): return .nanoseconds(amount)
        default: return nil
        }
    }

    /// The response headers that open every answer (built once: they are the same each time).
    static let responseHeaders: HPACKHeaders = [
        ":status": "200", "content-type": "application/grpc", "grpc-accept-encoding": Compression.acceptEncoding,
    ]

    /// `message` framed as an uncompressed gRPC message.
    static func framed(_ message: some Collection<UInt8>, allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: prefixBytes + message.count)
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(UInt32(truncatingIfNeeded: message.count))
        buffer.writeBytes(message)
        return buffer
    }

    /// The trailers that end an answer with `status`; with `trailersOnly`, the whole answer (the
    /// response headers and the status in one block, as gRPC answers a call that fails at once).
    static func trailers(_ status: OTLPStatus, trailersOnly: Bool) -> HPACKHeaders {
        var headers: HPACKHeaders = trailersOnly ? responseHeaders : [:]
        headers.add(name: "grpc-status", value: String(status.code.rawValue))
        if status.code != .ok {
            if !status.message.isEmpty { headers.add(name: "grpc-message", value: percentEncoded(status.message)) }
            // The whole google.rpc.Status, where clients look for RetryInfo (unpadded base64, as
            // gRPC sends binary metadata).
            var details = status.protobuf.base64EncodedString()
            while details.last == "=" { details.removeLast() }
            headers.add(name: "grpc-status-details-bin", value: details)
        }
        return headers
    }

    /// The trailers of a successful answer.
    static let okTrailers: HPACKHeaders = ["grpc-status": "0"]

    /// `message` as `grpc-message` carries it: UTF-8, with bytes outside printable ASCII and `%`
    /// percent-encoded.
    static func percentEncoded(_ message: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(message.utf8.count)
        for byte in message.utf8 {
            if (0x20...0x7E).contains(byte), byte != UInt8(ascii: "%") {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
