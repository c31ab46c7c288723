import Foundation
import OTLPWire
import TelemetryExposition
import TelemetryModel
import Testing

@Suite("Collector file exporter JSON lines")
struct OTLPJSONLinesTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("otlp-lines-\(UUID().uuidString).jsonl").path
    }

    @Test("one request is its OTLP/JSON and a newline")
    func line() {
        let metrics = Fixtures.metrics([Fixtures.gauge("g", value: .int(1))])
        let line = OTLPJSONLines.line(for: metrics)
        #expect(line == OTLPJSONEncoder.encode(metrics) + Data("\n".utf8))
        #expect(!line.dropLast().contains(UInt8(ascii: "\n")))
        let logs = LogsData()
        #expect(String(decoding: OTLPJSONLines.line(for: logs), as: UTF8.self) == "{}\n")
    }

    @Test("the writer appends one line per request and truncates on open unless appending")
    func writer() throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try OTLPJSONLinesWriter(path: path)
        try writer.write(JaegerFixtures.traces)
        try writer.write(LogsData())
        try writer.close()
        let expected = OTLPJSONLines.line(for: JaegerFixtures.traces) + Data("{}\n".utf8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected)

        let appending = try OTLPJSONLinesWriter(path: path, append: true)
        try appending.write(LogsData())
        try appending.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected + Data("{}\n".utf8))

        let truncating = try OTLPJSONLinesWriter(path: path)
        try truncating.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }

    @Test("I/O failures are typed errors that name the file")
    func errors() throws {
        let missingDirectory = "/nonexistent-\(UUID().uuidString)/out.jsonl"
        #expect(
            throws: OTLPJSONLinesWriteError.cannotOpen(
                path: missingDirectory,
                reason: "directory \((missingDirectory as NSString).deletingLastPathComponent) does not exist"
            )
        ) {
            try OTLPJSONLinesWriter(path: missingDirectory)
        }
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try OTLPJSONLinesWriter(path: path)
        try writer.close()
        #expect(throws: OTLPJSONLinesWriteError.closed(path: path)) {
            try writer.write(LogsData())
        }
        #expect(OTLPJSONLinesWriteError.closed(path: path).description == "\(path) was already closed")
    }
}
