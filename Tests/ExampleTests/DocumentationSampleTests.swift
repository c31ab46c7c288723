import Foundation
import HarnessTestSupport
import Testing

/// Every Swift sample that README.md and the DocC articles show is compiled and run by this
/// target: each ```swift block must stand, as written, in a file of Tests/ExampleTests (compared
/// with all white space removed, so formatting may differ).
@Suite("Documentation samples")
struct DocumentationSampleTests {
    /// A fenced Swift block of a documentation file.
    struct Sample: CustomStringConvertible {
        var file: String
        var line: Int
        var code: String
        var description: String { "\(file):\(line)" }
    }

    /// The documentation files: README.md and every Markdown file of a DocC catalog.
    static func documentationFiles() throws -> [URL] {
        var files = [Repository.file("README.md")]
        let sources = Repository.file("Sources")
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "md", url.path.contains(".docc/") { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The ```swift blocks of `text`, with the line each starts on.
    static func samples(in text: String, file: String) -> [Sample] {
        var samples: [Sample] = []
        var current: (line: Int, lines: [String])?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var block = current {
                if trimmed.hasPrefix("```") {
                    samples.append(Sample(file: file, line: block.line, code: block.lines.joined(separator: "\n")))
                    current = nil
                } else {
                    block.lines.append(String(line))
                    current = block
                }
            } else if trimmed == "```swift" {
                current = (index + 2, [])
            }
        }
        return samples
    }

    static func withoutWhiteSpace(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    @Test("every Swift sample of the docs stands in a test of this target")
    func samplesAreCompiled() throws {
        let folder = Repository.file("Tests/ExampleTests")
        let testFiles = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" && $0.lastPathComponent != "DocumentationSampleTests.swift" }
        let tests = try testFiles.map { Self.withoutWhiteSpace(try String(contentsOf: $0, encoding: .utf8)) }
        var count = 0
        for url in try Self.documentationFiles() {
            let name = url.path.replacingOccurrences(of: Repository.root.path + "/", with: "")
            for sample in Self.samples(in: try String(contentsOf: url, encoding: .utf8), file: name) {
                count += 1
                let code = Self.withoutWhiteSpace(sample.code)
                #expect(tests.contains { $0.contains(code) }, "the sample at \(sample) is not in any test of Tests/ExampleTests:\n\(sample.code)")
            }
        }
        #expect(count > 0, "no Swift sample found in the docs")
    }

    @Test("the extraction finds fenced Swift blocks and only those")
    func extraction() {
        let text = "intro\n```swift\nlet a = 1\n```\n```text\nnot swift\n```\n  ```swift\nb()\n  ```\n"
        let samples = Self.samples(in: text, file: "x.md")
        #expect(samples.map(\.code) == ["let a = 1", "b()"])
        #expect(samples.map(\.line) == [3, 9])
    }
}
