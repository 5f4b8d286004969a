"""Citation-backed summaries: one article, several, a topic, or a timeline."""
