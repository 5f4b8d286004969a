"""Ingestion: articles → sentence-aligned chunks → embeddings → Chroma, incrementally."""
