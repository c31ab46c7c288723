// Tests for TelemetryExposition live in this target.
