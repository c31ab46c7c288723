import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A free TCP port on 127.0.0.1, for programs that cannot be told to listen on port 0 and
/// report the port they got (Prometheus, a compose file's published ports).
public enum FreeLocalPort {
    /// Why no port could be had.
    public struct Failure: Error, CustomStringConvertible {
        /// The failing call.
        public var description: String
    }

    /// A port nothing listens on at this moment (the kernel's pick for port 0).
    public static func pick() throws -> Int {
        let (socket, port) = try openSocket(listening: false)
        close(socket)
        return port
    }

    /// A TCP socket bound to 127.0.0.1 on the kernel's pick of port, listening if asked; the
    /// caller closes it.
    static func openSocket(listening: Bool) throws -> (socket: Int32, port: Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && (!listening || listen(socket, 128) == 0) && getsockname(socket, $0, &length) == 0
            }
        }
        guard ready else {
            let failure = Failure(description: "cannot \(listening ? "listen on" : "bind") 127.0.0.1:0: errno \(errno)")
            close(socket)
            throw failure
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }
}
