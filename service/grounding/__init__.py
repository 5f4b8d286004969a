"""Grounding: what answers and summaries share to stay on the articles.

Evidence gate (is there anything to answer from?), evidence packing (which sentences the model sees),
attribution and support checks (which source sentence states each claim), conflicts (figures the
articles disagree on), refusals, and the result types they produce.
"""
