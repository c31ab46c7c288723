import Foundation
public import TelemetryQueries
public import Testing

#if canImport(XCTest)
import XCTest
#endif

extension TelemetryData {
    /// This telemetry as pretty-printed JSON (the model's `Codable` form), as failures attach it.
    public var jsonText: String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity",
            negativeInfinity: "-Infinity",
            nan: "NaN"
        )
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// How a failed expectation is recorded: in a Swift Testing test, one issue at the caller's line
/// with the telemetry there was attached as JSON; in an XCTest test case, a failure of that case
/// whose message starts with the caller's file and line.
enum FailureRecording {
    /// Records `mismatch` at `sourceLocation` and attaches `telemetry`.
    static func record(_ mismatch: TelemetryMismatch, telemetry: TelemetryData, sourceLocation: SourceLocation) {
        guard Test.current != nil || !failXCTestCase(mismatch, sourceLocation: sourceLocation) else { return }
        Issue.record(Comment(rawValue: mismatch.description), sourceLocation: sourceLocation)
        attach(telemetry, sourceLocation: sourceLocation)
    }

    /// Fails the running XCTest test case, if XCTest is there; `false` when it is not.
    private static func failXCTestCase(_ mismatch: TelemetryMismatch, sourceLocation: SourceLocation) -> Bool {
        #if canImport(XCTest)
        XCTFail("\(sourceLocation.fileName):\(sourceLocation.line): \(mismatch.description)")
        return true
        #else
        return false
        #endif
    }

    /// What a `require…` throws in an XCTest test case, after failing it.
    struct RequirementFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Returns the value of `result`, or records its mismatch (with `telemetry` attached) and
    /// throws the error `#require` throws, so the failure is reported once and ends the test.
    static func require<Value>(
        _ result: Result<Value, TelemetryMismatch>,
        telemetry: TelemetryData,
        sourceLocation: SourceLocation
    ) throws -> Value {
        switch result {
        case .success(let value):
            return value
        case .failure(let mismatch):
            if Test.current == nil, failXCTestCase(mismatch, sourceLocation: sourceLocation) {
                throw RequirementFailed(description: "requirement failed at \(sourceLocation.fileName):\(sourceLocation.line)")
            }
            attach(telemetry, sourceLocation: sourceLocation)
            let requiredTelemetry: Value? = nil
            return try #require(requiredTelemetry, Comment(rawValue: mismatch.description), sourceLocation: sourceLocation)
        }
    }

    /// Attaches `telemetry` as `captured-telemetry.json` to the running Swift Testing test.
    private static func attach(_ telemetry: TelemetryData, sourceLocation: SourceLocation) {
        guard Test.current != nil, let json = telemetry.jsonText else { return }
        Attachment.record(json, named: "captured-telemetry.json", sourceLocation: sourceLocation)
    }
}
