// Decode throughput of the OTLP codecs on a realistic export request: 512 spans with 10
// attributes each (HTTP server spans, as an instrumented service sends them).
//
//   make bench-decode        (builds in release mode and runs)
//   otlp-decode-benchmark [--seconds S] [--rounds R] [--json]
//
// Each round decodes the same request repeatedly for about S seconds; the report gives the
// median and the range over R rounds, in spans per second.

import BenchmarkSupport
import Foundation
import OTLPWire
import TelemetryModel

@main
struct OTLPDecodeBenchmark {
    static func main() throws {
        var seconds = 1.0
        var rounds = 7
        var json = false
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            switch argument {
            case "--seconds": seconds = Double(arguments.next() ?? "") ?? seconds
            case "--rounds": rounds = Int(arguments.next() ?? "") ?? rounds
            case "--json": json = true
            default:
                FileHandle.standardError.write(Data("usage: otlp-decode-benchmark [--seconds S] [--rounds R] [--json]\n".utf8))
                exit(64)
            }
        }

        let request = RealisticRequest.traces(spanCount: 512, attributesPerSpan: 10)
        let protobuf = OTLPProtobuf.encode(request)
        let jsonBytes = OTLPJSONEncoder.encode(request)
        let jsonDecoder = OTLPJSONDecoder()
        let fromProtobuf = try OTLPProtobuf.decodeTraces(protobuf)
        let fromJSON = try jsonDecoder.decodeTraces(jsonBytes).value
        precondition(fromProtobuf == request, "protobuf round trip changed the request")
        precondition(OTLPProtobuf.decodeTracesDirectly(protobuf) == request, "the direct decoder gave the request to the generated messages")
        precondition(fromJSON == request, "JSON round trip changed the request")
        precondition(jsonDecoder.decodeTracesDirectly(jsonBytes) == request, "the direct JSON decoder gave the request to the tree reader")

        let results = [
            Result(
                name: "protobuf -> model",
                bytes: protobuf.count,
                spansPerSecond: measure(seconds: seconds, rounds: rounds) {
                    _ = try! OTLPProtobuf.decodeTraces(protobuf).spanCount
                }
            ),
            Result(
                name: "  via generated",
                bytes: protobuf.count,
                spansPerSecond: measure(seconds: seconds, rounds: rounds) {
                    _ = try! OTLPProtobuf.decodeTracesThroughGeneratedMessages(protobuf).spanCount
                }
            ),
            Result(
                name: "OTLP/JSON -> model",
                bytes: jsonBytes.count,
                spansPerSecond: measure(seconds: seconds, rounds: rounds) {
                    _ = try! jsonDecoder.decodeTraces(jsonBytes).value.spanCount
                }
            ),
            Result(
                name: "  via tree",
                bytes: jsonBytes.count,
                spansPerSecond: measure(seconds: seconds, rounds: rounds) {
                    _ = try! jsonDecoder.decodeTracesThroughTree(jsonBytes).value.spanCount
                }
            ),
            Result(
                name: "model -> protobuf",
                bytes: protobuf.count,
                spansPerSecond: measure(seconds: seconds, rounds: rounds) {
                    _ = OTLPProtobuf.encode(request).count
                }
            ),
            Result(
                name: "model -> OTLP/JSON",
                bytes: jsonBytes.count,
                spansPerSecond: measure(seconds: seconds, rounds: rounds) {
                    _ = OTLPJSONEncoder.encode(request).count
                }
            ),
        ]
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        } else {
            print("request: 512 spans x 10 attributes; \(rounds) rounds of ~\(seconds) s; spans per second")
            print("codec                 bytes      median         min         max")
            for result in results {
                let values = result.spansPerSecond
                print(
                    result.name.padding(toLength: 18, withPad: " ", startingAt: 0)
                        + String(format: "%9d %11.0f %11.0f %11.0f", result.bytes, values.median, values.min, values.max)
                )
            }
        }
    }

    struct Result: Encodable {
        var name: String
        var bytes: Int
        var spansPerSecond: Summary
    }

    /// Spans per second over `rounds` rounds, each running `body` (one 512-span request) for
    /// about `seconds`.
    static func measure(seconds: Double, rounds: Int, _ body: () -> Void) -> Summary {
        let clock = ContinuousClock()
        for _ in 0..<3 { body() }  // warm-up
        var rates: [Double] = []
        for _ in 0..<rounds {
            var iterations = 0
            let start = clock.now
            var elapsed = Duration.zero
            while elapsed < .seconds(seconds) {
                body()
                iterations += 1
                elapsed = clock.now - start
            }
            rates.append(Double(iterations * 512) / Measure.seconds(elapsed))
        }
        return Summary(rates)
    }
}
