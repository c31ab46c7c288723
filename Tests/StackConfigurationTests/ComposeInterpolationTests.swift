import Foundation
import Testing

@testable import StackConfiguration

@Suite("Compose interpolation")
struct ComposeInterpolationTests {
    static let interpolation = ComposeInterpolation(variables: ["TAG": "0.159.0", "EMPTY": "", "SRC": "./collector.yaml"])

    @Test("every form Compose reads, with .env values, defaults and literal dollars")
    func forms() {
        let cases: [(String, String)] = [
            ("otel/opentelemetry-collector-contrib:${TAG}", "otel/opentelemetry-collector-contrib:0.159.0"),
            ("image:$TAG", "image:0.159.0"),
            ("${MISSING:-0.100.0}", "0.100.0"),
            ("${EMPTY:-default}", "default"),
            ("${EMPTY-default}", ""),
            ("${MISSING-default}", "default"),
            ("${TAG:+pinned}", "pinned"),
            ("${SRC:-./other.yaml}:/etc/otelcol/config.yaml", "./collector.yaml:/etc/otelcol/config.yaml"),
            ("${MISSING:-./collector.yml}:/etc/otelcol/config.yaml:ro", "./collector.yml:/etc/otelcol/config.yaml:ro"),
            ("echo $$HOME", "echo $HOME"),
            ("${OUTER:-${TAG}}", "0.159.0"),
            // Unset without a default: the shell running Compose may set it; kept as written.
            ("${CHECKOUT_IMAGE}", "${CHECKOUT_IMAGE}"),
            ("$UNSET/x", "$UNSET/x"),
        ]
        for (text, expected) in cases {
            #expect(Self.interpolation.interpolate(text).text == expected, "\(text)")
        }
        #expect(Self.interpolation.interpolate("${MISSING:?set MISSING}").missing == ["MISSING"])
    }

    @Test(".env beside the compose file is read: comments, export, quotes")
    func environmentFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("env-\(UInt64.random(in: 0 ... .max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("# versions\nexport TAG=0.159.0\nNAME=\"otel collector\"\nPORT=4317 # grpc\n\n".utf8).write(
            to: folder.appendingPathComponent(".env")
        )
        let interpolation = ComposeInterpolation(environmentFileIn: folder)
        #expect(interpolation.variables == ["TAG": "0.159.0", "NAME": "otel collector", "PORT": "4317"])
    }
}
