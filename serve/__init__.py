"""The web layer of `sikg serve`: routes, the SPARQL 1.1 Protocol, the service description,
linked-data pages and release files, on Starlette and uvicorn, every store access in a pool of
pre-started worker processes under one time, memory and concurrency limit."""
