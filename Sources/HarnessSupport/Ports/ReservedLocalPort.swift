import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A port on 127.0.0.1 that is bound but not listening: connecting to it is refused, and no
/// other socket can take the port while it is held. A collector that is down, as seen by an
/// exporter, without the risk that a server started meanwhile answers on the same port.
public final class ReservedLocalPort: Sendable {
    /// The port.
    public let port: Int
    private let socket: Int32

    /// Reserves a free port.
    public init() throws {
        (socket, port) = try FreeLocalPort.openSocket(listening: false)
    }

    deinit {
        close(socket)
    }
}
