"""`wirecoder serve`: a store over HTTP (the JSON API in ``api.py``).

FastAPI and uvicorn are the ``serve`` extra; nothing else in wirecoder imports this package.
"""
