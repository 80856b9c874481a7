"""Benchmark of kopir.newsroom.extract on public NER sets (run: python -m bench.extraction)."""
