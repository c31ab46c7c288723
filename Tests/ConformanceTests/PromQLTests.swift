import StackConfiguration
import Testing

@Suite("PromQL in dashboard queries")
struct PromQLTests {
    @Test("Grafana's interval variables are replaced in both spellings")
    func substitution() {
        #expect(
            PromQL.substitutingGrafanaVariables("rate(x_total[$__rate_interval]) + increase(y_total[${__range}])")
                == "rate(x_total[1m]) + increase(y_total[5m])"
        )
        #expect(PromQL.substitutingGrafanaVariables("rate(x_total[$__interval])") == "rate(x_total[15s])")
    }

    @Test("metric names are found, not functions, keywords, labels, strings or durations")
    func metricNames() {
        let expr =
            #"histogram_quantile(0.95, sum by (le, stage) (rate(pipeline_stage_duration_bucket{job="demo-service", stage=~"gen.*"}[1m]))) / on(job) group_left sum(up) > bool 0.5"#
        #expect(PromQL.metricNames(in: expr) == ["pipeline_stage_duration_bucket", "up"])
        #expect(PromQL.metricNames(in: "sum(rate(hb_requests_total[5m])) without (instance)") == ["hb_requests_total"])
        #expect(PromQL.metricNames(in: "1e3 * pipeline_requests_total offset 5m") == ["pipeline_requests_total"])
    }

    @Test("each selector knows the functions around it, innermost first")
    func enclosingFunctions() {
        let selectors = PromQL.selectors(
            in: #"histogram_quantile(0.95, sum by (le) (rate(d_bucket[1m]))) + sum(x_total) + sum(rate(y_total[5m])) by (job)"#
        )
        #expect(selectors.map(\.name) == ["d_bucket", "x_total", "y_total"])
        #expect(selectors[0].enclosingFunctions == ["rate", "sum", "histogram_quantile"])
        #expect(selectors[1].enclosingFunctions == ["sum"])
        #expect(selectors[2].enclosingFunctions == ["rate", "sum"])
    }

    @Test("modifiers, subqueries and recording-rule names")
    func modifiers() {
        #expect(PromQL.metricNames(in: "rate(x_total[5m] @ 1609746000)") == ["x_total"])
        #expect(PromQL.metricNames(in: "max_over_time(rate(x_total[1m])[10m:1m]) @ end()") == ["x_total"])
        #expect(PromQL.metricNames(in: "sum(job:requests:rate5m) by (job)") == ["job:requests:rate5m"])
        #expect(PromQL.metricNames(in: #"{__name__="x_total", job="a"}"#) == [])
        #expect(PromQL.metricNames(in: "a_total / on() group_left() b_total") == ["a_total", "b_total"])
    }
}
