import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to 127.0.0.1 driven byte by byte, for clients no HTTP library imitates: one
/// that sends its headers and then nothing, or trickles its body. Closed when released.
final class RawHTTPConnection: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let socket: Int32

    /// Connects to `port` on 127.0.0.1, with a receive buffer of `receiveBufferSize` bytes when
    /// given (a small one keeps the server's answer in the server's buffers, not the client's).
    init(port: Int, receiveBufferSize: Int32? = nil) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        if var size = receiveBufferSize {
            setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw Failure(description: "cannot connect to 127.0.0.1:\(port): errno \(errno)")
        }
    }

    deinit { close(socket) }

    /// This end's port.
    var localPort: Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether the server's end of this connection (on `serverPort`) is listed and has left the
    /// ESTABLISHED state: the server has closed it while data is still queued for this end to
    /// read (Linux `/proc/net/tcp`).
    func isClosedByServer(serverPort: Int) -> Bool {
        let local = String(format: "0100007F:%04X", serverPort)
        let remote = String(format: "0100007F:%04X", localPort)
        // Read to its end: a /proc file reports no size, and a one-shot read may stop at a page.
        let table = FileHandle(forReadingAtPath: "/proc/net/tcp").map { String(decoding: $0.readDataToEndOfFile(), as: UTF8.self) } ?? ""
        // sl local_address rem_address st …: state 01 is ESTABLISHED. The entry stays while unread
        // data is queued behind the server's close (FIN-WAIT-1).
        guard
            let entry = table.split(separator: "\n").map({ $0.split(separator: " ") }).first(where: {
                $0.count > 3 && $0[1] == local && $0[2] == remote
            })
        else { return false }
        return entry[3] != "01"
    }

    /// Sends `text` as it is (no `SIGPIPE` once the server has closed).
    func send(_ text: String) {
        _ = text.withCString { Glibc.send(socket, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
    }

    /// The head of a POST to `path` announcing a body of `contentLength` bytes.
    func sendHead(path: String = "/v1/traces", contentType: String = "application/x-protobuf", contentLength: Int) {
        send("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: \(contentType)\r\nContent-Length: \(contentLength)\r\n\r\n")
    }

    /// Reads what the server sends until it closes (or resets) the connection or `limit` passes, calling
    /// `between` before each read (at most every `interval`), on a thread of its own. Returns what
    /// arrived and whether the server closed.
    func readUntilClosed(
        within limit: Duration,
        interval: Duration = .milliseconds(200),
        between: @escaping @Sendable (RawHTTPConnection) -> Void = { _ in }
    ) async -> (text: String, closed: Bool) {
        let microseconds = interval.components.seconds * 1_000_000 + interval.components.attoseconds / 1_000_000_000_000
        var timeout = timeval(tv_sec: Int(microseconds / 1_000_000), tv_usec: Int(microseconds % 1_000_000))
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let clock = ContinuousClock()
                let start = clock.now
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                var closed = false
                while clock.now - start < limit {
                    between(self)
                    let count = recv(self.socket, &buffer, buffer.count, 0)
                    // End of stream, or reset by the server: closed either way.
                    if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                        closed = true
                        break
                    }
                    if count > 0 { received += buffer[0..<count] }
                }
                continuation.resume(returning: (String(decoding: received, as: UTF8.self), closed))
            }
        }
    }
}
