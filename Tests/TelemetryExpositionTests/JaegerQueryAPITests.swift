import Foundation
import TelemetryExposition
import TelemetryModel
import Testing

@Suite("Jaeger's classic query API")
struct JaegerQueryAPITests {
    let api = JaegerQueryAPI(traces: [JaegerFixtures.traces])

    @Test("GET /api/services")
    func services() {
        let response = api.services()
        #expect(response.statusCode == 200)
        #expect(response.contentType == "application/json")
        #expect(response.bodyText == #"{"data":["frontend"],"total":1,"limit":0,"offset":0,"errors":null}"#)
    }

    @Test("GET /api/services with nothing received has null data")
    func noServices() {
        #expect(JaegerQueryAPI(traces: []).services().bodyText == #"{"data":null,"total":0,"limit":0,"offset":0,"errors":null}"#)
    }

    @Test("GET /api/traces?service=… returns the 3-span trace: parent refs, µs times, typed tags, logs, processes")
    func traces() {
        let response = api.traces(query: [URLQueryItem(name: "service", value: "frontend")])
        #expect(response.statusCode == 200)
        #expect(response.contentType == "application/json")
        #expect(response.bodyText == #"{"data":["# + JaegerFixtures.traceJSON + #"],"total":0,"limit":0,"offset":0,"errors":null}"#)
    }

    @Test("operation filter, unknown operation and unknown service give empty data")
    func filters() {
        let byOperation = api.traces(query: [URLQueryItem(name: "service", value: "frontend"), URLQueryItem(name: "operation", value: "charge")])
        #expect(byOperation.bodyText.hasPrefix(#"{"data":[{"traceID":"0102030405060708090a0b0c0d0e0f10""#))
        let empty = #"{"data":[],"total":0,"limit":0,"offset":0,"errors":null}"#
        #expect(
            api.traces(query: [URLQueryItem(name: "service", value: "frontend"), URLQueryItem(name: "operation", value: "nope")]).bodyText == empty
        )
        let unknown = api.traces(query: [URLQueryItem(name: "service", value: "nobody")])
        #expect(unknown.statusCode == 200)
        #expect(unknown.bodyText == empty)
    }

    @Test("tag, duration and time filters")
    func moreFilters() {
        func count(_ items: [(String, String)]) -> Int {
            let body = api.traces(query: [URLQueryItem(name: "service", value: "frontend")] + items.map { URLQueryItem(name: $0.0, value: $0.1) })
                .bodyText
            return body.components(separatedBy: #"{"traceID":"0102030405060708090a0b0c0d0e0f10","spans""#).count - 1
        }
        #expect(count([("tag", "http.status_code:200")]) == 1)
        #expect(count([("tag", "http.status_code:404")]) == 0)
        #expect(count([("tags", #"{"cache.key":"cart:42"}"#)]) == 1)
        #expect(count([("minDuration", "30ms")]) == 0)
        #expect(count([("minDuration", "20ms"), ("maxDuration", "1s")]) == 1)
        #expect(count([("start", "1700000000000001")]) == 1)
        #expect(count([("start", "1700000000012001")]) == 0)
    }

    @Test("a missing service is a 400 with Jaeger's error envelope")
    func missingService() {
        let response = api.traces(query: [URLQueryItem(name: "limit", value: "5")])
        #expect(response.statusCode == 400)
        #expect(response.contentType == "text/plain; charset=utf-8")
        #expect(
            response.bodyText == #"{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":400,"msg":"parameter 'service' is required"}]}"#
                + "\n"
        )
    }

    @Test("malformed parameters are 400s with Go's messages")
    func malformedParameters() {
        func message(_ items: [(String, String)]) -> String {
            api.traces(query: items.map { URLQueryItem(name: $0.0, value: $0.1) }).bodyText
        }
        #expect(message([("service", "frontend"), ("limit", "ten")]).contains(#""msg":"strconv.ParseInt: parsing \"ten\": invalid syntax""#))
        #expect(
            message([("service", "frontend"), ("minDuration", "5")]).contains(
                #""msg":"unable to parse param 'minDuration': time: missing unit in duration \"5\"""#
            )
        )
        #expect(
            message([("service", "frontend"), ("tag", "nocolon")]).contains(
                #""msg":"malformed 'tag' parameter, expecting key:value, received: nocolon""#
            )
        )
        #expect(message([("traceID", "xyz")]).contains(#""msg":"cannot parse traceID param: strconv.ParseUint: parsing \"xyz\": invalid syntax""#))
    }

    @Test("search by trace id reports the ids it cannot find")
    func searchByTraceID() {
        let response = api.traces(query: [
            URLQueryItem(name: "traceID", value: "0102030405060708090a0b0c0d0e0f10"),
            URLQueryItem(name: "traceID", value: "abc"),
        ])
        #expect(
            response.bodyText == #"{"data":["# + JaegerFixtures.traceJSON
                + #"],"total":0,"limit":0,"offset":0,"errors":[{"msg":"trace not found","traceID":"0000000000000abc"}]}"#
        )
    }

    @Test("GET /api/traces/{id}")
    func traceByID() {
        #expect(
            api.trace(id: "0102030405060708090A0B0C0D0E0F10").bodyText
                == #"{"data":["# + JaegerFixtures.traceJSON + #"],"total":0,"limit":0,"offset":0,"errors":null}"#
        )
        let missing = api.trace(id: "ff")
        #expect(missing.statusCode == 404)
        #expect(missing.bodyText == #"{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}"# + "\n")
        #expect(api.trace(id: "not-hex").statusCode == 400)
    }

    @Test("operations, legacy and with span kinds")
    func operations() {
        #expect(
            api.operations(service: "frontend").bodyText
                == #"{"data":["GET /checkout","charge","load cart"],"total":3,"limit":0,"offset":0,"errors":null}"#
        )
        #expect(api.operations(service: "nobody").bodyText == #"{"data":null,"total":0,"limit":0,"offset":0,"errors":null}"#)
        #expect(
            api.operations(query: [URLQueryItem(name: "service", value: "frontend"), URLQueryItem(name: "spanKind", value: "client")]).bodyText
                == #"{"data":[{"name":"charge","spanKind":"client"}],"total":1,"limit":0,"offset":0,"errors":null}"#
        )
        #expect(api.operations(query: []).statusCode == 400)
    }

    @Test("limit keeps the most recent traces; processes are numbered per trace")
    func limitAndProcesses() {
        func trace(_ id: UInt64, service: String) -> TracesData {
            TracesData(resourceSpans: [
                ResourceSpans(
                    resource: Resource(attributes: ["service.name": .string(service)]),
                    scopeSpans: [
                        ScopeSpans(spans: [Span(traceID: TraceID(high: 0, low: id), spanID: SpanID(id), name: "op")])
                    ]
                )
            ])
        }
        var second = trace(2, service: "a")
        second.resourceSpans += trace(2, service: "b").resourceSpans.map { resourceSpans in
            var resourceSpans = resourceSpans
            resourceSpans.scopeSpans[0].spans[0].spanID = SpanID(20)
            resourceSpans.scopeSpans[0].spans[0].parentSpanID = SpanID(2)
            return resourceSpans
        }
        let api = JaegerQueryAPI(traces: [trace(1, service: "a"), second, trace(3, service: "a")])
        let body = api.traces(query: [URLQueryItem(name: "service", value: "a"), URLQueryItem(name: "limit", value: "2")]).bodyText
        #expect(!body.contains(#""traceID":"0000000000000001""#))
        #expect(body.contains(#""processes":{"p1":{"serviceName":"a","tags":[]},"p2":{"serviceName":"b","tags":[]}}"#))
        #expect(body.contains(#""traceID":"0000000000000003""#))
        #expect(api.services().bodyText == #"{"data":["a","b"],"total":2,"limit":0,"offset":0,"errors":null}"#)
    }

    @Test("an exact duplicate of a span is dropped, a span differing in one tag is kept (DedupeBySpanHash)")
    func duplicates() throws {
        func request(_ value: String) -> TracesData {
            let span = Span(traceID: TraceID(high: 0, low: 7), spanID: SpanID(1), name: "op", attributes: ["k": .string(value)])
            return TracesData(resourceSpans: [
                ResourceSpans(resource: Resource(attributes: ["service.name": "a"]), scopeSpans: [ScopeSpans(spans: [span])])
            ])
        }
        let api = JaegerQueryAPI(traces: [request("x"), request("x"), request("y"), request("x")])
        let body = try #require(try JSONSerialization.jsonObject(with: api.trace(id: "0000000000000007").body) as? [String: Any])
        let spans = try #require((body["data"] as? [[String: Any]])?.first?["spans"] as? [[String: Any]])
        #expect(spans.count == 2)
    }

    @Test("clock-skew warnings as Jaeger's default adjusters add them")
    func warnings() {
        let traceID = TraceID(high: 1, low: 1)
        let spans = [
            Span(traceID: traceID, spanID: SpanID(1), name: "parent", startTimeUnixNano: 0, endTimeUnixNano: 10_000_000),
            Span(
                traceID: traceID,
                spanID: SpanID(2),
                parentSpanID: SpanID(1),
                name: "async",
                startTimeUnixNano: 5_000_000,
                endTimeUnixNano: 15_000_000
            ),
            Span(traceID: traceID, spanID: SpanID(3), parentSpanID: SpanID(9), name: "orphan", startTimeUnixNano: 0, endTimeUnixNano: 1),
        ]
        let api = JaegerQueryAPI(traces: [
            TracesData(resourceSpans: [ResourceSpans(resource: Resource(attributes: ["service.name": "s"]), scopeSpans: [ScopeSpans(spans: spans)])])
        ])
        let body = api.traces(query: [URLQueryItem(name: "service", value: "s")]).bodyText
        #expect(
            body.contains(
                #""operationName":"parent","references":[],"startTime":0,"duration":10000,"tags":[{"key":"span.kind","type":"string","value":"internal"}],"logs":[],"processID":"p1","warnings":null}"#
            )
        )
        #expect(body.contains(#""processID":"p1","warnings":["clock skew adjustment disabled; not applying calculated delta of -5ms"]}"#))
        #expect(body.contains(#""warnings":["parent span ID=0000000000000009 is not in the trace; skipping clock skew adjustment"]}"#))
    }

    @Test("a resource without attributes gets Jaeger's placeholder service name")
    func noServiceName() {
        let data = TracesData(resourceSpans: [
            ResourceSpans(scopeSpans: [ScopeSpans(spans: [Span(traceID: TraceID(high: 0, low: 5), spanID: SpanID(5), name: "x")])])
        ])
        #expect(JaegerQueryAPI(traces: [data]).services().bodyText.contains(#"["OTLPResourceNoServiceName"]"#))
    }
}
