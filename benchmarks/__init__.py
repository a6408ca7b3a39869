"""Benchmarks for issue 6: load generators and reports (figures, never pass/fail)."""
