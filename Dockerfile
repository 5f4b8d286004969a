# Newsdesk as one container: the service, the local embedding model, and (by default) the local chat
# model. Unverified: images cannot be built on the machines this project is developed on (README).
FROM python:3.11.7-slim-bookworm

# llama-cpp-python compiles from source: a compiler and cmake, then nothing of them at run time.
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential cmake \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml setup.py README.md ./
COPY service ./service
COPY prompts ./prompts
# Portable CPU flags: a native build dies with "Illegal instruction" on another CPU.
ENV CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF"
RUN pip install --no-cache-dir ".[local]"
COPY corpus ./corpus

ENV NEWSDESK_HOST=0.0.0.0 \
    NEWSDESK_PORT=8000 \
    NEWSDESK_CORPUS_DIR=/app/corpus \
    NEWSDESK_DATA_DIR=/data \
    NEWSDESK_CACHE_DIR=/cache
VOLUME ["/data", "/cache"]
EXPOSE 8000
# serve refuses a network address without keys: set NEWSDESK_API_KEYS (and NEWSDESK_ADMIN_KEYS).
CMD ["sh", "-c", "newsdesk model && newsdesk ingest && newsdesk serve"]
