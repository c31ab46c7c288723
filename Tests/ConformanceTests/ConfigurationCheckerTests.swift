import ConfigurationChecks
import Foundation
import StackConfiguration
import Testing

/// Rules that depend on versions and context, the parser's locations, and the output formats.
@Suite("Configuration checker")
struct ConfigurationCheckerTests {
    /// A folder with `files` written into it, checked, then removed.
    static func check(_ files: [String: String], options: ConfigurationChecker.Options = .init()) throws -> CheckReport {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UInt64.random(in: 0 ... .max))")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return ConfigurationChecker(options: options).check([folder])
    }

    static func compose(collector image: String) -> String {
        """
        services:
          otel-collector:
            image: \(image)
            ports: ["127.0.0.1::4317"]
            volumes:
              - ./collector.yaml:/etc/otelcol-contrib/config.yaml:ro
        """
    }

    static let loggingConfig = """
        receivers:
          otlp:
            protocols:
              grpc:
        exporters:
          logging:
            loglevel: debug
        service:
          pipelines:
            traces:
              receivers: [otlp]
              exporters: [logging]
        """

    @Test("a removed component is an error only from the version that removed it")
    func removalIsVersionAware() throws {
        let old = try Self.check([
            "compose.yml": Self.compose(collector: "otel/opentelemetry-collector-contrib:0.100.0"), "collector.yaml": Self.loggingConfig,
        ])
        #expect(!old.findings.contains { $0.rule == "collector/removed-component" }, "\(old.findings)")
        let new = try Self.check([
            "compose.yml": Self.compose(collector: "otel/opentelemetry-collector-contrib:0.111.0"), "collector.yaml": Self.loggingConfig,
        ])
        let removed = new.findings.first { $0.rule == "collector/removed-component" }
        #expect(
            removed?.message
                == "exporter `logging` was removed in v0.111.0; this collector is v0.111.0 (and its `loglevel` at line 7 is `verbosity` on `debug`)"
        )
        #expect(removed?.line == 6)
        #expect(removed?.fix.contains("`debug` exporter") == true)
    }

    @Test("a receiver without an endpoint is unreachable from v0.104, when localhost became the default")
    func defaultBindAddressIsVersionAware() throws {
        let config = Self.loggingConfig.replacingOccurrences(of: "logging:\n    loglevel: debug", with: "debug:").replacingOccurrences(
            of: "[logging]",
            with: "[debug]"
        )
        let old = try Self.check(["compose.yml": Self.compose(collector: "otel/opentelemetry-collector-contrib:0.103.0"), "collector.yaml": config])
        #expect(old.findings.isEmpty, "\(old.findings)")
        let new = try Self.check(["compose.yml": Self.compose(collector: "otel/opentelemetry-collector-contrib:0.104.0"), "collector.yaml": config])
        #expect(new.findings.map(\.rule) == ["collector/receiver-unreachable"], "\(new.findings)")
        #expect(
            new.findings.first?.message
                == "receiver `otlp` (grpc) listens on the default localhost:4317 (no `endpoint`), but port 4317 is published by compose"
        )
    }

    /// Options that name the collector: contrib at the checker's version.
    static let pinned = ConfigurationChecker.Options(collectorTarget: .current)

    @Test("a collector file on its own is checked against the version given, without deployment rules")
    func standaloneTarget() throws {
        // At v0.90 the logging exporter is deprecated (v0.86) but not yet removed (v0.111).
        let options = ConfigurationChecker.Options(collectorTarget: CollectorTarget(distribution: .contrib, version: SemanticVersion(0, 90)))
        let report = try Self.check(["collector.yaml": Self.loggingConfig], options: options)
        #expect(report.findings.map(\.rule) == ["collector/deprecated-component"], "\(report.findings)")
        #expect(report.findings.first?.severity == .warning)
        #expect(report.findings.first?.message == "exporter `logging` is deprecated since v0.86.0 and removed in v0.111.0; this collector is v0.90.0")
        // Pinned to a version without it, the collector refuses it; with no version named, an
        // older collector may still run it.
        let pinned = try Self.check(["collector.yaml": Self.loggingConfig], options: Self.pinned).findings
        #expect(pinned.map(\.rule) == ["collector/removed-component"] && pinned.first?.severity == .error)
        let assumed = try Self.check(["collector.yaml": Self.loggingConfig]).findings
        #expect(assumed.map(\.rule) == ["collector/removed-component"] && assumed.first?.severity == .warning)
    }

    @Test("the core distribution does not have contrib's components")
    func coreDistribution() throws {
        let config = Self.loggingConfig.replacingOccurrences(of: "logging:\n    loglevel: debug", with: "clickhouse:\n    endpoint: tcp://c:9000")
            .replacingOccurrences(of: "[logging]", with: "[clickhouse]")
        let options = ConfigurationChecker.Options(collectorTarget: CollectorTarget(distribution: .core, version: SemanticVersion(0, 150)))
        let findings = try Self.check(["collector.yaml": config], options: options).findings
        #expect(findings.map(\.rule) == ["collector/unknown-component"])
        #expect(findings.first?.message.hasPrefix("exporter `clickhouse` is not a component of otelcol (as of v") == true)
    }

    @Test("`$VAR` is found; `${env:VAR}`, `${VAR}` and `$$` are not")
    func environmentSyntax() throws {
        let report = try Self.check([
            "collector.yaml": """
            receivers:
              otlp:
                protocols:
                  grpc:
                    endpoint: ${env:HOST}:4317
            exporters:
              debug:
                sampling_initial: $$5
                sampling_thereafter: ${SAMPLING}
                verbosity: $VERBOSITY
            service:
              pipelines:
                traces:
                  receivers: [otlp]
                  exporters: [debug]
            """
        ])
        #expect(report.findings.map(\.rule) == ["collector/bare-env-var"])
        #expect(report.findings.first?.line == 10)
        #expect(report.findings.first?.fix == "Write `${env:VERBOSITY}` (or `$$` for a literal dollar sign).")
        #expect(report.findings.first?.severity == .warning)
    }

    @Test("a duplicate key is reported at its first occurrence, with 1-based line and column")
    func duplicateKey() throws {
        let findings = try Self.check(["prometheus.yml": "global:\n  scrape_interval: 5s\n  scrape_interval: 10s\nscrape_configs: []\n"]).findings
        #expect(findings.map(\.rule) == ["file/duplicate-key"])
        #expect(findings.first?.line == 2)
        #expect(findings.first?.column == 3)
    }

    @Test("a file over the size limit is reported, not read")
    func sizeLimit() throws {
        let report = try Self.check(
            ["prometheus.yml": "scrape_configs: []\n" + String(repeating: "# padding\n", count: 200)],
            options: ConfigurationChecker.Options(maximumFileSize: 1000)
        )
        #expect(report.findings.map(\.rule) == ["file/unreadable"])
        #expect(report.findings.first?.message.contains("over the limit of 1000 bytes") == true)
    }

    @Test("a path that does not exist is an error finding")
    func missingPath() {
        let report = ConfigurationChecker().check([URL(fileURLWithPath: "/nonexistent/otel-harness-check")])
        #expect(report.hasErrors)
        #expect(report.findings.first?.message == "/nonexistent/otel-harness-check does not exist")
    }

    @Test("JSON output follows the command-line contract: an array of {rule, severity, file, line, message}")
    func jsonFormat() throws {
        let report = try Self.check(["collector.yaml": Self.loggingConfig], options: Self.pinned)
        let data = Data(FindingsFormat.json.render(report).utf8)
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(array.count == 1)
        #expect(array[0]["rule"] as? String == "collector/removed-component")
        #expect(array[0]["severity"] as? String == "error")
        #expect((array[0]["file"] as? String)?.hasSuffix("collector.yaml") == true)
        #expect(array[0]["line"] as? Int == 6)
        #expect(array[0]["message"] is String)
        #expect(array[0]["fix"] is String)
    }

    @Test("SARIF output is a 2.1.0 log whose results point at their rules and regions")
    func sarifFormat() throws {
        let report = try Self.check(["collector.yaml": Self.loggingConfig], options: Self.pinned)
        let data = Data(FindingsFormat.sarif.render(report).utf8)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif-schema-2.1.0") == true)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.count == ConfigRules.all.count)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let index = try #require(result["ruleIndex"] as? Int)
        #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        #expect(result["level"] as? String == "error")
        let region = ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect(region?["startLine"] as? Int == 6)
    }

    @Test("text output names place, severity, rule and fix, and sums up")
    func textFormat() throws {
        let text = FindingsFormat.text.render(try Self.check(["collector.yaml": Self.loggingConfig], options: Self.pinned))
        let lines = text.split(separator: "\n")
        #expect(
            lines[0].hasSuffix(
                "collector.yaml:6:3: error: exporter `logging` was removed in v0.111.0; this collector is v\(CollectorTarget.knownVersion) (and its `loglevel` at line 7 is `verbosity` on `debug`) [collector/removed-component]"
            )
        )
        #expect(lines[1].hasPrefix("    fix: Use the `debug` exporter"))
        #expect(lines.last == "1 error, 0 warnings, 0 info in 1 file")
    }

    @Test("rule ids are unique and every rule says what, why and how to fix")
    func ruleCatalog() {
        #expect(Set(ConfigRules.all.map(\.id)).count == ConfigRules.all.count)
        for rule in ConfigRules.all {
            #expect(!rule.summary.isEmpty && !rule.rationale.isEmpty && !rule.fix.isEmpty, "\(rule.id)")
            #expect(rule.id.split(separator: "/").count == 2, "\(rule.id)")
        }
    }

    @Test("a mounted file that does not parse is an error, even when a folder search found it first under a name that is not a stack file's")
    func mountedFileUpgradesSearchedFinding() throws {
        let report = try Self.check([
            "docker-compose.yml": Self.compose(collector: "otel/opentelemetry-collector-contrib:0.159.0").replacingOccurrences(
                of: "./collector.yaml",
                with: "./otel/config.yaml"
            ),
            "otel/config.yaml": "receivers: [otlp\n",
        ])
        let finding = try #require(report.findings.first { $0.rule == "file/unreadable" })
        #expect(finding.severity == .error, "\(report.findings)")
        #expect(!finding.message.contains("skipped"))
    }

    @Test("a whole image reference that is a variable is read as its default; a trailing `---` is no second document")
    func variableImageAndTrailingSeparator() throws {
        let compose = """
            services:
              otel-collector:
                image: ${COLLECTOR_IMAGE:-otel/opentelemetry-collector-contrib:0.159.0}
                healthcheck:
                  test: ["CMD", "curl", "-f", "http://127.0.0.1:13133/"]
                volumes:
                  - ./collector.yaml:/etc/otelcol-contrib/config.yaml:ro
            """
        let report = try Self.check(["compose.yml": compose, "collector.yaml": Self.loggingConfig + "\n---\n"])
        #expect(
            report.findings.map(\.rule).sorted() == [
                "collector/health-check-missing", "collector/removed-component", "compose/healthcheck-not-runnable",
            ],
            "\(report.findings)"
        )
    }
}

/// What the checker reads from a collector service's command and image.
@Suite("Collector configuration sources")
struct CollectorSourcesTests {
    @Test("--config files, yaml: snippets and --set options are merged; env: sources hold back the reference rules")
    func sources() throws {
        let base = """
            receivers: {otlp: {protocols: {grpc: {endpoint: 0.0.0.0:4317}}}}
            exporters: {debug: {}}
            service: {pipelines: {traces: {receivers: [otlp], exporters: [debug]}}}
            """
        func compose(_ command: String) -> String {
            """
            services:
              collector:
                image: otel/opentelemetry-collector-contrib:0.157.0
                command: \(command)
                volumes: ["./base.yaml:/etc/otel/base.yaml:ro"]
            """
        }
        let typo = try ConfigurationCheckerTests.check([
            "compose.yml": compose(#"["--config=/etc/otel/base.yaml", "--set=exporters::debug::verbosityy=basic"]"#), "base.yaml": base,
        ])
        #expect(typo.findings.map(\.rule) == ["collector/unknown-key"], "\(typo.findings)")
        #expect(typo.findings.first?.file.hasSuffix("compose.yml") == true)
        let unseen = try ConfigurationCheckerTests.check([
            "compose.yml": compose(#"["--config=/etc/otel/base.yaml", "--config=env:EXTRA_CONFIG"]"#),
            "base.yaml": base.replacingOccurrences(of: "exporters: [debug]", with: "exporters: [debug, otlp/elsewhere]"),
        ])
        #expect(unseen.findings.isEmpty, "\(unseen.findings)")
    }

    @Test("collectors before v0.71 matched keys without regard to case")
    func caseInsensitiveKeys() throws {
        let config = """
            receivers: {otlp: {protocols: {grpc: {endpoint: 0.0.0.0:4317}}}}
            exporters: {debug: {Verbosity: basic}}
            service: {pipelines: {traces: {receivers: [otlp], exporters: [debug]}}}
            """
        func findings(_ version: SemanticVersion) throws -> [String] {
            let options = ConfigurationChecker.Options(collectorTarget: CollectorTarget(distribution: .contrib, version: version))
            return try ConfigurationCheckerTests.check(["collector.yaml": config], options: options).findings.map(\.rule)
        }
        #expect(try findings(SemanticVersion(0, 70)).isEmpty)
        #expect(try findings(SemanticVersion(0, 71)) == ["collector/unknown-key"])
    }
}
