"""The HTTP boundary: app factory, dependencies, routes, and the one error mapping."""
