"""Benchmarks of deadline arithmetic, case services, the API and the agent queue (run_bench)."""
