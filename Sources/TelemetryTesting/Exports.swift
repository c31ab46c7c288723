// A test author writes one import: `import TelemetryTesting` brings the capture, the queries
// and the model along.
@_exported public import InMemoryTelemetry
@_exported public import TelemetryModel
@_exported public import TelemetryQueries
// Swift Testing too: `#expect`, `#require` and the `#_sourceLocation` that every expectation
// takes by default, so an XCTest file needs no second import either.
@_exported public import Testing
