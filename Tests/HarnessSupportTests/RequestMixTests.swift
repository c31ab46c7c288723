import Foundation
import HarnessSupport
import Testing

@Suite("Request mixes")
struct RequestMixTests {
    static let pipeline = HTTPLoad.Request(method: "POST", path: "/v1/pipeline", body: "x")
    static let health = HTTPLoad.Request(path: "/health")

    @Test("weights 3 and 1 send A A B A, and every cycle holds each request weight times")
    func order() throws {
        let mix = try RequestMix([.init(Self.pipeline, weight: 3), .init(Self.health, weight: 1)])
        let cycle = ["/v1/pipeline", "/v1/pipeline", "/health", "/v1/pipeline"]
        #expect((0..<8).map { mix.request(at: $0).path } == cycle + cycle)
        let wide = try RequestMix([
            .init(HTTPLoad.Request(path: "/a"), weight: 5), .init(HTTPLoad.Request(path: "/b"), weight: 3),
            .init(HTTPLoad.Request(path: "/c"), weight: 2),
        ])
        let counts = Dictionary(grouping: (0..<10).map { wide.request(at: $0).path }, by: { $0 }).mapValues(\.count)
        #expect(counts == ["/a": 5, "/b": 3, "/c": 2])
        #expect(wide.summary == "5 × GET /a, 3 × GET /b, 2 × GET /c")
    }

    @Test("a file: an array or an object with requests; method GET and weight 1 by default; headers kept")
    func parsing() throws {
        let array =
            #"[{"method": "POST", "path": "/v1/orders", "body": "{}", "headers": {"content-type": "application/json"}, "weight": 2}, {"path": "/v1/orders/7"}]"#
        let mix = try RequestMix.parse(Data(array.utf8), source: "mix.json")
        #expect(mix.entries.count == 2)
        #expect(mix.entries[0].weight == 2 && mix.entries[0].request.body == "{}")
        #expect(mix.entries[0].request.headers.map(\.name) == ["content-type"])
        #expect(mix.entries[1].request.method == "GET" && mix.entries[1].weight == 1)
        let object = try RequestMix.parse(Data(#"{"requests": [{"path": "/a"}]}"#.utf8), source: "mix.json")
        #expect(object.summary == "GET /a")
    }

    @Test(
        "bad mixes name the file, the entry and what is wrong",
        arguments: [
            (#"[{"path": "/a"}, {"method": "GET"}]"#, #"mix.json: requests[1]: "path" is missing"#),
            (#"{"requests": [{"path": "/a", "weight": 0}]}"#, "mix.json: requests[0]: weight 0 is not within 1…10000"),
            (#"[{"path": "a"}]"#, #"mix.json: requests[0]: path "a" does not start with /"#),
            (#"[{"path": "/a", "method": "get me"}]"#, #"mix.json: requests[0]: method "get me" is not an upper-case HTTP method"#),
            (#"[{"path": "/a", "weight": "two"}]"#, "mix.json: requests[0]: weight:"),
            ("[]", "mix.json: the mix has no requests"),
            ("{not json", "mix.json: not JSON"),
        ]
    )
    func errors(text: String, expected: String) {
        #expect {
            try RequestMix.parse(Data(text.utf8), source: "mix.json")
        } throws: { error in
            "\(error)".hasPrefix(expected)
        }
    }

    @Test("a missing file and an oversized one are named")
    func files() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/mix.json")
        #expect(throws: RequestMixError.self) { try RequestMix.load(from: missing) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.json")
        try Data(repeating: UInt8(ascii: " "), count: 2_000).write(to: file)
        #expect {
            try RequestMix.load(from: file, maximumBytes: 1_000)
        } throws: { error in
            "\(error)" == "\(file.path): the file has 2000 bytes, more than 1000"
        }
    }
}
