"""`wirecoder serve`: a store over HTTP -- the JSON API (``api.py``) and the web page (``pages.py``).

FastAPI, uvicorn and Jinja2 are the ``serve`` extra; nothing else in wirecoder imports this package.
"""
