import Foundation

/// Paths the conformance tests share.
enum ConformanceFixtures {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let composeFile = repository.appendingPathComponent("compose/docker-compose.yml")
    static let corpus = repository.appendingPathComponent("Fixtures/conformance")

    /// A copy of the project's compose file and stack configuration in a temporary folder, to
    /// break on purpose; removed by the caller.
    static func copyOfStack() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stack-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("compose"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("Fixtures"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: composeFile, to: folder.appendingPathComponent("compose/docker-compose.yml"))
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Fixtures/stack"), to: folder.appendingPathComponent("Fixtures/stack"))
        return folder
    }
}
