"""Local LLM support: model file management (gguf) and the llama.cpp server (server)."""
