"""Grounded question answering: retrieve, gate, prompt, generate, attribute, verify."""
