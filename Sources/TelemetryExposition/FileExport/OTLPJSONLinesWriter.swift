import Foundation
import Synchronization
public import TelemetryModel

/// Appends export requests to a file as OTLP/JSON lines, as the collector's `file` exporter
/// does (see ``OTLPJSONLines``). Safe to use from several tasks: each line is written whole.
///
/// Like the exporter (whose `append` option is `false` by default), opening truncates an
/// existing file unless `append` is `true`; every line is written straight to the file.
public final class OTLPJSONLinesWriter: Sendable {
    /// The file written to.
    public let path: String
    private let handle: Mutex<FileHandle?>

    /// Opens (creating it when missing) the file at `path`; truncates it unless `append`.
    public init(path: String, append: Bool = false) throws(OTLPJSONLinesWriteError) {
        self.path = path
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) || !append {
            guard manager.createFile(atPath: path, contents: nil) else {
                throw .cannotOpen(path: path, reason: Self.reasonForCreateFailure(at: path))
            }
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.seekToEnd()
        } catch {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
        self.handle = Mutex(handle)
    }

    deinit {
        handle.withLock { handle in
            try? handle?.close()
            handle = nil
        }
    }

    /// Appends one line for a traces export request.
    public func write(_ traces: TracesData) throws(OTLPJSONLinesWriteError) {
        try write(line: OTLPJSONLines.line(for: traces))
    }

    /// Appends one line for a metrics export request.
    public func write(_ metrics: MetricsData) throws(OTLPJSONLinesWriteError) {
        try write(line: OTLPJSONLines.line(for: metrics))
    }

    /// Appends one line for a logs export request.
    public func write(_ logs: LogsData) throws(OTLPJSONLinesWriteError) {
        try write(line: OTLPJSONLines.line(for: logs))
    }

    /// Closes the file; later writes fail with ``OTLPJSONLinesWriteError/closed(path:)``.
    /// Closing twice is harmless.
    public func close() throws(OTLPJSONLinesWriteError) {
        let result: Result<Void, OTLPJSONLinesWriteError> = handle.withLock { handle in
            guard let open = handle else { return .success(()) }
            handle = nil
            do {
                try open.close()
                return .success(())
            } catch {
                return .failure(.closeFailed(path: path, reason: Self.reason(error)))
            }
        }
        try result.get()
    }

    private func write(line: Data) throws(OTLPJSONLinesWriteError) {
        let result: Result<Void, OTLPJSONLinesWriteError> = handle.withLock { handle in
            guard let handle else { return .failure(.closed(path: path)) }
            do {
                try handle.write(contentsOf: line)
                return .success(())
            } catch {
                return .failure(.writeFailed(path: path, reason: Self.reason(error)))
            }
        }
        try result.get()
    }

    private static func reason(_ error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError {
            return "\(error.localizedDescription) (\(underlying.localizedDescription))"
        }
        return error.localizedDescription
    }

    /// `createFile` reports no error; say the likely cause.
    private static func reasonForCreateFailure(at path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            return "directory \(directory) does not exist"
        }
        if !directory.isEmpty && !isDirectory.boolValue {
            return "\(directory) is not a directory"
        }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue {
            return "\(path) is a directory"
        }
        return "permission denied or file system error"
    }
}
