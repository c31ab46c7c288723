import Foundation
import HarnessTestSupport

/// Reads files from the repository's `Fixtures/` folder.
enum Fixtures {
    static let root = Repository.fixtures()

    static func data(_ path: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(path))
    }

    static func names(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted()
    }
}
