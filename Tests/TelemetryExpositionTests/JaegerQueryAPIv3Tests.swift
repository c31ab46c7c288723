import Foundation
import OTLPWire
import TelemetryExposition
import TelemetryModel
import Testing

@Suite("Jaeger's v3 query API")
struct JaegerQueryAPIv3Tests {
    let api = JaegerQueryAPIv3(traces: [JaegerFixtures.traces])

    @Test("GET /api/v3/services")
    func services() {
        #expect(api.services().bodyText == #"{"services":["frontend"]}"#)
        #expect(JaegerQueryAPIv3(traces: []).services().bodyText == "{}")
    }

    @Test("GET /api/v3/traces wraps the OTLP/JSON of the matching traces in result")
    func traces() {
        let response = api.traces(query: [URLQueryItem(name: "query.service_name", value: "frontend")])
        #expect(response.statusCode == 200)
        #expect(response.contentType == "application/json")
        let otlp = String(decoding: OTLPJSONEncoder.encode(JaegerFixtures.traces), as: UTF8.self)
        #expect(response.bodyText == #"{"result":"# + otlp + "}")
        #expect(
            response.bodyText.hasPrefix(
                #"{"result":{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"frontend"}}"#
            )
        )
    }

    @Test("operation name, duration and num_traces filters")
    func filters() {
        let byOperation = api.traces(query: [
            URLQueryItem(name: "query.service_name", value: "frontend"), URLQueryItem(name: "query.operation_name", value: "charge"),
        ])
        #expect(byOperation.statusCode == 200)
        let tooSlow = api.traces(query: [
            URLQueryItem(name: "query.service_name", value: "frontend"), URLQueryItem(name: "query.duration_min", value: "1s"),
        ])
        #expect(tooSlow.statusCode == 404)
        let window = api.traces(query: [
            URLQueryItem(name: "query.service_name", value: "frontend"),
            URLQueryItem(name: "query.start_time_min", value: "2023-11-14T22:13:19Z"),
            URLQueryItem(name: "query.start_time_max", value: "2023-11-14T22:13:21Z"),
        ])
        #expect(window.statusCode == 200)
    }

    @Test("no match is Jaeger's 404 error")
    func noTraces() {
        let response = api.traces(query: [URLQueryItem(name: "query.service_name", value: "nobody")])
        #expect(response.statusCode == 404)
        #expect(response.contentType == "text/plain; charset=utf-8")
        #expect(response.bodyText == #"{"error":{"httpCode":404,"message":"No traces found"}}"# + "\n")
    }

    @Test("a missing service or a malformed parameter is a 400")
    func badRequests() {
        let missing = api.traces(query: [])
        #expect(missing.statusCode == 400)
        #expect(missing.bodyText == #"{"error":{"httpCode":400,"message":"query.service_name is required"}}"# + "\n")
        let malformed = api.traces(query: [
            URLQueryItem(name: "query.service_name", value: "frontend"), URLQueryItem(name: "query.num_traces", value: "x"),
        ])
        #expect(
            malformed.bodyText
                == #"{"error":{"httpCode":400,"message":"malformed parameter query.num_traces: strconv.Atoi: parsing \"x\": invalid syntax"}}"# + "\n"
        )
    }

    @Test("GET /api/v3/traces/{id} and GET /api/v3/operations")
    func traceAndOperations() {
        #expect(api.trace(id: "0102030405060708090a0b0c0d0e0f10").statusCode == 200)
        #expect(api.trace(id: "0102030405060708090a0b0c0d0e0f11").bodyText == #"{"error":{"httpCode":404,"message":"trace not found"}}"# + "\n")
        #expect(
            api.operations(query: [URLQueryItem(name: "service", value: "frontend"), URLQueryItem(name: "span_kind", value: "server")]).bodyText
                == #"{"operations":[{"name":"GET /checkout","spanKind":"server"}]}"#
        )
        #expect(api.operations(query: [URLQueryItem(name: "service", value: "nobody")]).bodyText == "{}")
    }
}
