"""The HTTP API and the dashboard over an eventwire store (``eventwire serve``).

>>> import uvicorn
>>> from eventwire.web import create_app
>>> uvicorn.run(create_app("events.duckdb"), host="127.0.0.1", port=8000)
"""

from eventwire.web.app import create_app

__all__ = ["create_app"]
