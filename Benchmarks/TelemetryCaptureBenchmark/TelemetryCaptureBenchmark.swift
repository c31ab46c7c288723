// The cost of capturing telemetry in tests, next to the reference implementations in the same
// run: swift-distributed-tracing's NoOpTracer and InMemoryTracer, swift-metrics' NOOP handler and
// TestMetrics.
//
//   make bench-capture      (release build)
//   telemetry-capture-benchmark [--rounds R] [--spans N] [--json]
//
// A span here is what a typical instrumented operation records: started and ended through
// withSpan, 5 attributes, 1 event. Each round times N operations; the report gives nanoseconds
// per operation (median and range over R rounds) and the ratios the targets are stated in.

import BenchmarkSupport
import CoreMetrics
import Foundation
import InMemoryTelemetry
import InMemoryTracing
import MetricsTestKit
import TelemetryQueries
import Tracing

@main
struct TelemetryCaptureBenchmark {
    static func main() {
        var rounds = 9
        var operations = 100_000
        var json = false
        var only: String?
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let argument = arguments.next() {
            switch argument {
            case "--rounds": rounds = Int(arguments.next() ?? "") ?? rounds
            case "--spans": operations = Int(arguments.next() ?? "") ?? operations
            case "--json": json = true
            case "--only": only = arguments.next()
            default:
                FileHandle.standardError.write(Data("usage: telemetry-capture-benchmark [--rounds R] [--spans N] [--json]\n".utf8))
                exit(64)
            }
        }

        let capture = TelemetryCapture()
        let inMemory = InMemoryTracer()
        let testMetrics = TestMetrics()
        let cases: [(name: String, reset: () -> Void, body: () -> Void)] = [
            (
                "span: NoOpTracer", {},
                {
                    recordSpans(NoOpTracer(), count: operations)
                }
            ),
            (
                "span: InMemoryTracer", { inMemory.clearAll() },
                {
                    recordSpans(inMemory, count: operations)
                }
            ),
            (
                "span: CapturingTracer", { capture.reset() },
                {
                    recordSpans(capture.tracer, count: operations)
                }
            ),
            (
                "counter: NOOP", {},
                {
                    recordMetrics(NOOPMetricsHandler.instance, count: operations)
                }
            ),
            (
                "counter: TestMetrics", { testMetrics.reset() },
                {
                    recordMetrics(testMetrics, count: operations)
                }
            ),
            (
                "counter: CapturingMetricsFactory", { capture.reset() },
                {
                    recordMetrics(capture.metricsFactory, count: operations)
                }
            ),
            (
                "timer: TestMetrics", { testMetrics.reset() },
                {
                    recordTimers(testMetrics, count: operations)
                }
            ),
            (
                "timer: CapturingMetricsFactory", { capture.reset() },
                {
                    recordTimers(capture.metricsFactory, count: operations)
                }
            ),
        ]
        let results = cases.filter { only == nil || $0.name.contains(only!) }.map {
            measure($0.name, rounds: rounds, operations: operations, reset: $0.reset, $0.body)
        }
        if let only {
            // Profiling aid: run one case, report nothing else.
            for result in results where result.name.contains(only) {
                print(result.name, result.nanosecondsPerOperation.median)
            }
            return
        }
        let byName = Dictionary(uniqueKeysWithValues: results.map { ($0.name, $0.nanosecondsPerOperation.median) })
        let ratios = [
            Ratio(name: "CapturingTracer / InMemoryTracer", value: byName["span: CapturingTracer"]! / byName["span: InMemoryTracer"]!),
            Ratio(name: "CapturingTracer / NoOpTracer", value: byName["span: CapturingTracer"]! / byName["span: NoOpTracer"]!),
            // What recording adds above the instrumented code's own work (NoOpTracer).
            Ratio(
                name: "above NoOp: Capturing / InMemory",
                value: (byName["span: CapturingTracer"]! - byName["span: NoOpTracer"]!)
                    / (byName["span: InMemoryTracer"]! - byName["span: NoOpTracer"]!)
            ),
            Ratio(
                name: "counter: Capturing / TestMetrics",
                value: byName["counter: CapturingMetricsFactory"]! / byName["counter: TestMetrics"]!
            ),
            Ratio(
                name: "timer: Capturing / TestMetrics",
                value: byName["timer: CapturingMetricsFactory"]! / byName["timer: TestMetrics"]!
            ),
        ]
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try! encoder.encode(Report(results: results, ratios: ratios)), as: UTF8.self))
        } else {
            print("\(operations) operations per round, \(rounds) rounds; nanoseconds per operation")
            print("what".padding(toLength: 34, withPad: " ", startingAt: 0) + "     median        min        max")
            for result in results {
                let values = result.nanosecondsPerOperation
                print(
                    result.name.padding(toLength: 34, withPad: " ", startingAt: 0)
                        + String(format: "%11.1f %10.1f %10.1f", values.median, values.min, values.max)
                )
            }
            for ratio in ratios {
                print(ratio.name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "%11.2f", ratio.value))
            }
        }
    }

    /// One instrumented operation: a span with 5 attributes and 1 event.
    static func recordSpans(_ tracer: some Tracer, count: Int) {
        for index in 0..<count {
            tracer.withSpan("GET /users/{id}", ofKind: .server) { span in
                span.attributes["http.request.method"] = "GET"
                span.attributes["http.route"] = "/users/{id}"
                span.attributes["http.response.status_code"] = 200
                span.attributes["url.path"] = "/users/42"
                span.attributes["user.index"] = index
                span.addEvent("cache.miss")
            }
        }
    }

    static func recordMetrics(_ factory: any MetricsFactory, count: Int) {
        let counter = Counter(label: "requests", dimensions: [("route", "/users/{id}")], factory: factory)
        for _ in 0..<count { counter.increment() }
    }

    static func recordTimers(_ factory: any MetricsFactory, count: Int) {
        let timer = Timer(label: "duration", dimensions: [("route", "/users/{id}")], factory: factory)
        for index in 0..<count { timer.recordNanoseconds(Int64(index % 1000) * 1000) }
    }

    struct Result: Encodable {
        var name: String
        var nanosecondsPerOperation: Summary
    }

    struct Ratio: Encodable {
        var name: String
        var value: Double
    }

    struct Report: Encodable {
        var results: [Result]
        var ratios: [Ratio]
    }

    static func measure(_ name: String, rounds: Int, operations: Int, reset: () -> Void, _ body: () -> Void) -> Result {
        let clock = ContinuousClock()
        body()  // warm-up
        reset()
        var samples: [Double] = []
        for _ in 0..<rounds {
            let elapsed = clock.measure(body)
            reset()
            let nanoseconds = Measure.seconds(elapsed) * 1e9
            samples.append(nanoseconds / Double(operations))
        }
        return Result(name: name, nanosecondsPerOperation: Summary(samples))
    }
}
