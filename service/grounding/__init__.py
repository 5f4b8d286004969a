"""Citation attribution and verification, shared by answers and summaries."""
