public import Foundation

/// Reading a file the user named, with a limit on its size checked before it is read.
public enum BoundedFile {
    /// Why a file was not read.
    public enum Failure: Error, Sendable, Equatable {
        /// It does not exist or cannot be read; the system's reason.
        case unreadable(String)
        /// It has `size` bytes, more than `limit`.
        case tooLarge(size: Int, limit: Int)
    }

    /// The bytes of `url`, when it has at most `maximumBytes`.
    public static func contents(of url: URL, maximumBytes: Int) throws(Failure) -> Data {
        do {
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
            guard size <= maximumBytes else { throw Failure.tooLarge(size: size, limit: maximumBytes) }
            return try Data(contentsOf: url)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure.unreadable(error.localizedDescription)
        }
    }
}
