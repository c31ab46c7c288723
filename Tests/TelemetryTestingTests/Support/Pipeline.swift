import Logging
import Metrics
import Tracing

/// A small instrumented pipeline, standing in for service code in these tests.
enum Pipeline {
    struct Overloaded: Error {}

    static func run(requestID: String = String(UInt64.random(in: 0 ... .max), radix: 16)) async {
        let logger = Logger(label: "pipeline")
        withSpan("POST /v1/pipeline", ofKind: .server) { span in
            span.attributes["http.request.method"] = "POST"
            span.attributes["request.id"] = requestID
            logger.info("pipeline started")
            for stage in ["transcribe", "generate", "synthesize"] {
                withSpan(stage) { stageSpan in
                    Timer(label: "pipeline.stage.duration", dimensions: [("stage", stage)]).recordMilliseconds(stage.count)
                    if stage == "generate" {
                        stageSpan.recordError(Overloaded())
                        stageSpan.setStatus(.init(code: .error, message: "overloaded"))
                        logger.warning("model overloaded")
                    }
                }
            }
            Counter(label: "pipeline.requests", dimensions: [("outcome", "degraded")]).increment()
            span.attributes["http.response.status_code"] = 200
        }
    }
}
