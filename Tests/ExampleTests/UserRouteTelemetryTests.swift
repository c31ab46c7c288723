// The complete example of README's "Assert telemetry in `swift test`" and of the
// TelemetryTesting documentation. DocumentationSampleTests checks that every sample the docs
// show stands in this folder.

import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import TelemetryTesting
import Testing
import Tracing

/// The service under test: a Hummingbird router with tracing and metrics middleware, and a
/// route that starts a child span, counts a lookup and logs.
func makeUserRouter() -> Router<BasicRequestContext> {
    let router = Router()
    router.middlewares.add(TracingMiddleware())
    router.middlewares.add(MetricsMiddleware())
    router.get("/users/{id}") { _, context -> String in
        let id = try context.parameters.require("id")
        let name = withSpan("load user") { span in
            span.attributes["user.id"] = id
            return "user \(id)"
        }
        Counter(label: "users.lookups", dimensions: [("source", "cache")]).increment()
        context.logger.info("loaded user", metadata: ["user.id": "\(id)"])
        return name
    }
    return router
}

@Suite("Assert telemetry in your tests")
struct UserRouteTelemetryTests {
    @Test("GET /users/{id} is traced, counted and logged", .capturingTelemetry)
    func getUser() async throws {
        let app = Application(router: makeUserRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/users/42", method: .get) { response in
                #expect(response.status == .ok)
            }
        }

        let telemetry = try #require(TelemetryCapture.current)
        // The server span ends after the response body is written: wait for the whole tree.
        let server = try await telemetry.requireTrace {
            ExpectedSpan(
                "/users/{id}",
                kind: .server,
                attributes: [
                    "http.request.method": "GET", "http.route": "/users/{id}", "http.response.status_code": 200,
                ]
            ) {
                ExpectedSpan("load user", kind: .internal, attributes: ["user.id": "42"])
            }
        }
        telemetry.expectTotal(of: "users.lookups", where: ["source": "cache"], equals: 1)
        #expect(telemetry.histogram("http.server.request.duration", where: ["http.route": "/users/{id}"])?.count == 1)
        let log = try telemetry.requireLogRecord("the lookup's log line") { $0.body == "loaded user" }
        #expect(log.attributes["user.id"] == "42")
        #expect(log.traceID == server.traceID)
        #expect(log.spanID == server.spanID)
    }

    @Test("a failing route records an error span", .capturingTelemetry)
    func missingUser() async throws {
        let app = Application(router: makeUserRouter())
        try await app.test(.router) { client in
            try await client.execute(uri: "/users", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        let telemetry = try #require(TelemetryCapture.current)
        let span = try await telemetry.waitForSpan(.kind(.server))
        #expect(span.attributes["http.response.status_code"] == 404)
        #expect(telemetry.spans(.named("load user")).isEmpty)
    }
}
