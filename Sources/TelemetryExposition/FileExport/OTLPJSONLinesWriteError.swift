/// Why an ``OTLPJSONLinesWriter`` could not do its job.
public enum OTLPJSONLinesWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be created or opened for writing.
    case cannotOpen(path: String, reason: String)
    /// Writing a line failed (for example the disk is full); the file may hold part of it.
    case writeFailed(path: String, reason: String)
    /// Closing the file failed; buffered lines may be lost.
    case closeFailed(path: String, reason: String)
    /// The writer was already closed.
    case closed(path: String)

    /// One line naming the file and the cause.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open \(path) for writing: \(reason)"
        case .writeFailed(let path, let reason): "cannot write to \(path): \(reason)"
        case .closeFailed(let path, let reason): "cannot close \(path): \(reason)"
        case .closed(let path): "\(path) was already closed"
        }
    }
}
