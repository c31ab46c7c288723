// A libFuzzer entry point for every OTLP decoder, plus a replay mode for corpus files.
//
// Fuzz (see `make fuzz`):
//   swift build -c release --product otlp-decode-fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
//   .build/release/otlp-decode-fuzzer Fuzz/corpus -max_total_time=60
// Replay (an ordinary build): otlp-decode-fuzzer FILE|DIR…
//
// The oracle: decoding may fail only with OTLPDecodingError (a crash or a trap is a bug),
// whatever decodes must encode to bytes that decode to the same encoding again, whatever the
// direct protobuf decoder accepts, the generated messages decode to the same model, and whatever
// the direct JSON decoder accepts, the tree reader decodes to the same model without deviations.

import CompressNIO
import Foundation
import NIOCore
import OTLPWire

/// Runs every decoder over `data`, and over `data` inflated as gzip with the receiver's kind of
/// size limit (the receiver's decoding path), and checks the re-encoding oracle.
func exercise(_ data: Data) {
    decodeAll(data)
    var buffer = ByteBuffer(bytes: data)
    if let inflated = try? buffer.decompress(with: .gzip(), maxSize: 1 << 20) {
        check(inflated.readableBytes <= 1 << 20, "gzip size limit")
        decodeAll(Data(inflated.readableBytesView))
    }
}

/// Every decoder, strict and lenient, all three signals, with the re-encoding oracle.
func decodeAll(_ data: Data) {
    if let direct = OTLPProtobuf.decodeTracesDirectly(data) {
        // Compared as encoded bytes: a double may be a NaN, never equal to itself.
        let generated = try? OTLPProtobuf.decodeTracesThroughGeneratedMessages(data)
        check(generated.map(OTLPProtobuf.encode) == OTLPProtobuf.encode(direct), "direct traces decoding = generated")
    }
    if let traces = try? OTLPProtobuf.decodeTraces(data) {
        let once = OTLPProtobuf.encode(traces)
        check(OTLPProtobuf.encode(try! OTLPProtobuf.decodeTraces(once)) == once, "protobuf traces re-encoding")
    }
    if let metrics = try? OTLPProtobuf.decodeMetrics(data) {
        let once = OTLPProtobuf.encode(metrics)
        check(OTLPProtobuf.encode(try! OTLPProtobuf.decodeMetrics(once)) == once, "protobuf metrics re-encoding")
    }
    if let logs = try? OTLPProtobuf.decodeLogs(data) {
        let once = OTLPProtobuf.encode(logs)
        check(OTLPProtobuf.encode(try! OTLPProtobuf.decodeLogs(once)) == once, "protobuf logs re-encoding")
    }
    for decoder in [OTLPJSONDecoder(mode: .strict), OTLPJSONDecoder(mode: .lenient)] {
        if let direct = decoder.decodeTracesDirectly(data) {
            let tree = try? decoder.decodeTracesThroughTree(data)
            check(tree.map { OTLPProtobuf.encode($0.value) } == OTLPProtobuf.encode(direct), "direct JSON traces decoding = tree")
            check(tree?.deviations.isEmpty == true, "direct JSON traces decoding has no deviations")
        }
        if let traces = try? decoder.decodeTraces(data) {
            let once = OTLPJSONEncoder.encode(traces.value)
            check(OTLPJSONEncoder.encode(try! OTLPJSONDecoder().decodeTraces(once).value) == once, "JSON traces re-encoding")
        }
        if let metrics = try? decoder.decodeMetrics(data) {
            let once = OTLPJSONEncoder.encode(metrics.value)
            check(OTLPJSONEncoder.encode(try! OTLPJSONDecoder().decodeMetrics(once).value) == once, "JSON metrics re-encoding")
        }
        if let logs = try? decoder.decodeLogs(data) {
            let once = OTLPJSONEncoder.encode(logs.value)
            check(OTLPJSONEncoder.encode(try! OTLPJSONDecoder().decodeLogs(once).value) == once, "JSON logs re-encoding")
        }
    }
}

func check(_ condition: Bool, _ what: String) {
    if !condition { fatalError("oracle failed: \(what)") }
}

#if FUZZING
/// libFuzzer's driver, linked in by `-sanitize=fuzzer`. SwiftPM names the executable's entry point
/// itself, so instead of libFuzzer's `main` this target's `main` hands control to the driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
struct Fuzz {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(
            runFuzzerDriver(&argc, &argv) { start, count in
                guard let start else { return 0 }
                exercise(Data(bytes: start, count: count))
                return 0
            }
        )
    }
}
#else
@main
struct Replay {
    static func main() throws {
        let paths = CommandLine.arguments.dropFirst()
        guard !paths.isEmpty else {
            FileHandle.standardError.write(Data("usage: otlp-decode-fuzzer FILE|DIR…\n".utf8))
            exit(64)
        }
        var count = 0
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("no such file: \(path)\n".utf8))
                exit(66)
            }
            let files =
                isDirectory.boolValue
                ? try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                exercise(try Data(contentsOf: URL(fileURLWithPath: file)))
                count += 1
            }
        }
        print("replayed \(count) inputs without a failure")
    }
}
#endif
