import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP black hole on 127.0.0.1: a socket that listens but never accepts, so the kernel
/// completes a client's handshake and nothing ever answers, not even the HTTP/2 preface. A
/// collector that hangs, as seen by an exporter.
public final class TCPBlackHole: Sendable {
    /// The port it listens on.
    public let port: Int
    private let socket: Int32

    /// Opens the black hole on a free port.
    public init() throws {
        (socket, port) = try FreeLocalPort.openSocket(listening: true)
    }

    deinit {
        close(socket)
    }
}
