import Foundation
import StackConfiguration
import Testing

@Suite("Stack file")
struct StackFileTests {
    static let folder = URL(fileURLWithPath: "/stacks/shop")

    static func parse(_ text: String) throws(StackFileError) -> StackFile {
        try StackFile.parse(text, file: "stack.yaml", folder: folder)
    }

    static let complete = """
        version: 1
        name: shop
        services:
          api:
            command: [".venv/bin/uvicorn", "api:app", "--port", "{port}"]
            working_dir: service
            environment:
              WORKER_URL: ${services.worker.url}
              OTEL_SERVICE_NAME: api
            ready:
              health_path: /health
              timeout: 30s
            port: 8000
          worker:
            command: ./worker --port-file {port-file}
            ready:
              port_file: true
        traffic:
          checkout:
            service: api
            method: POST
            path: /orders
            headers: {content-type: application/json}
            body: '{"item": "book"}'
            count: 3
        expect:
          traces:
            - request: checkout
              root:
                name: POST /orders
                kind: server
                service: api
                attributes: {http.request.method: POST}
                children:
                  - name: POST
                    kind: client
                    children:
                      - name: POST /work
                        kind: server
                        service: worker
          metrics:
            - instrument: http.server.request.duration
              kind: histogram
              unit: s
              service: api
            - promql: sum(rate(orders_total[1m]))
              compare: ">= 1"
          logs:
            - service: worker
              severity: info
              body_contains: processed
              request: checkout
        resilience:
          request: checkout
          faults: [stopped, black_hole]
          latency_budget: 5%
          shutdown_bound: 10s
          memory_growth_limit: 64MiB
        dashboards:
          compose_file: compose.yaml
        compose:
          files: [compose.yaml, compose.override.yaml]
          collector: otel-collector
          prometheus: {service: prometheus, port: 9090}
          log_file: otel-output/logs.json
        external:
          prometheus: http://prometheus.internal:9090
          collector_control:
            stop: [kubectl, scale, deploy/otel-collector, --replicas=0]
            restore: [kubectl, scale, deploy/otel-collector, --replicas=1]
        """

    @Test("a complete file reads into every section")
    func complete() throws {
        let stack = try Self.parse(Self.complete)
        #expect(stack.name == "shop")
        #expect(stack.services.map(\.name) == ["api", "worker"])
        let api = try #require(stack.service("api"))
        #expect(api.command == [".venv/bin/uvicorn", "api:app", "--port", "{port}"])
        #expect(api.readiness == .healthPath("/health") && api.startTimeout == .seconds(30) && api.containerPort == 8000)
        #expect(api.environment["WORKER_URL"] == "${services.worker.url}")
        #expect(stack.service("worker")?.readiness == .portFile)
        #expect(stack.service("worker")?.command == ["./worker", "--port-file", "{port-file}"])
        let checkout = try #require(stack.request("checkout"))
        #expect(checkout.method == "POST" && checkout.count == 3 && checkout.body == #"{"item": "book"}"#)
        let trace = try #require(stack.expectations.traces.first)
        #expect(trace.root.all.map(\.name) == ["POST /orders", "POST", "POST /work"])
        #expect(trace.root.all.last?.service == "worker")
        #expect(stack.expectations.metrics.count == 2)
        #expect(stack.expectations.logs.first?.request == "checkout")
        #expect(stack.resilience?.latencyBudget == 0.05 && stack.resilience?.faults == ["stopped", "black_hole"])
        #expect(stack.resilience?.memoryGrowthLimit == 64 << 20)
        #expect(stack.resilience?.pairs == 4 && stack.resilience?.maximumPairs == 8)
        #expect(stack.compose?.files == ["compose.yaml", "compose.override.yaml"])
        #expect(stack.compose?.collector?.service == "otel-collector" && stack.compose?.prometheus?.port == 9090)
        #expect(stack.external?.collectorControl?.stop.first == "kubectl")
        #expect(stack.resolve("compose.yaml").path == "/stacks/shop/compose.yaml")
    }

    @Test("an unknown key, a wrong type and a dangling service reference are three errors with file, line and column")
    func threeErrors() {
        let text = """
            version: 1
            services:
              api:
                comand: [uvicorn, api:app]
                environment:
                  WORKER_URL: ${services.wroker.url}
            traffic:
              home:
                service: api
                count: many
            """
        #expect {
            try Self.parse(text)
        } throws: { error in
            guard let error = error as? StackFileError else { return false }
            let lines = error.problems.map(\.description)
            return lines == [
                "stack.yaml:4:5: error: unknown key `comand` in services.api (did you mean `command`?); known keys: command, working_dir, environment, ready, compose_service, port, url",
                "stack.yaml:6:19: error: services.api refers to service `wroker`, which is not defined under services",
                "stack.yaml:10:12: error: traffic.home.count must be a whole number, not a string",
            ]
        }
    }

    @Test("references to undefined requests and services in expectations are reported with suggestions")
    func references() {
        let text = """
            version: 1
            services:
              api: {command: [api]}
            traffic:
              checkout: {service: api}
            expect:
              traces:
                - request: chekout
                  root: {name: GET /, service: apii}
            resilience:
              request: checkout
            """
        #expect {
            try Self.parse(text)
        } throws: { error in
            let lines = (error as? StackFileError)?.problems.map(\.description) ?? []
            return lines.count == 2 && lines[0].contains("request `chekout`") && lines[0].contains("did you mean `checkout`?")
                && lines[1].contains("service `apii`") && lines[1].contains("did you mean `api`?")
        }
    }

    @Test("missing version, unsupported version, syntax errors and bad values name their place")
    func otherErrors() {
        func problems(_ text: String) -> [String] {
            do {
                _ = try Self.parse(text)
                return []
            } catch {
                return error.problems.map(\.description)
            }
        }
        #expect(problems("services: {}\n") == ["stack.yaml:1:1: error: version is missing: write `version: 1` at the top"])
        #expect(problems("version: 2\n") == ["stack.yaml:1:10: error: version 2 is not supported; this harness reads version 1"])
        #expect(problems("version: 1\nservices: [\n").first?.hasPrefix("stack.yaml:") == true)
        #expect(
            problems("version: 1\nresilience:\n  request: x\n  latency_budget: lots\n").contains {
                $0.hasPrefix("stack.yaml:4:19: error: resilience.latency_budget must be a number or a percentage")
            }
        )
        #expect(
            problems("version: 1\nresilience:\n  request: x\n  pairs: 5\n  max_pairs: 3\n").contains {
                $0.hasPrefix("stack.yaml:5:14: error: resilience.max_pairs is 3, fewer than resilience.pairs (5)")
            }
        )
        #expect(
            problems("version: 1\ntraffic:\n  a: {service: s, method: FETCH}\n").contains {
                $0.contains("traffic.a.method must be one of GET, POST")
            }
        )
    }
}
