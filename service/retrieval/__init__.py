"""Hybrid retrieval: dense (Chroma) and BM25 keyword search fused by reciprocal rank."""
