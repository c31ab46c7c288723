import AsyncHTTPClient
import Foundation
import HarnessSupport
import HarnessTestSupport
import NIOCore

/// Paths the conformance tests share.
enum ConformanceFixtures {
    static let repository = Repository.root
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

    /// Sends `count` pipeline requests to the demo service at `url`, one after the other, each
    /// awaited (a count, not a time window, so that a slow machine still sends them all), and
    /// returns the statuses that were not 200.
    static func sendPipelineRequests(to url: String, count: Int) async throws -> [UInt] {
        var failures: [UInt] = []
        for _ in 0..<count {
            var request = HTTPClientRequest(url: url + HTTPLoad.Request.demoPipeline.path)
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: HTTPLoad.Request.demoPipeline.body ?? ""))
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            if response.status.code != 200 { failures.append(response.status.code) }
        }
        return failures
    }
}
