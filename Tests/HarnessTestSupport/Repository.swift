public import Foundation

/// The folders of this repository, found from this file's own path, for tests that read
/// fixtures or run the repository's scripts.
public enum Repository {
    /// The repository's root folder.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Fixtures/`, or a file or folder below it.
    public static func fixtures(_ path: String = "") -> URL {
        path.isEmpty ? root.appendingPathComponent("Fixtures") : root.appendingPathComponent("Fixtures").appendingPathComponent(path)
    }

    /// A file or folder at `path` relative to the root.
    public static func file(_ path: String) -> URL {
        root.appendingPathComponent(path)
    }
}
