"""Analysis over an eventwire store: dyad series, dyad tables, the actor network, escalation alerts.

>>> from eventwire.store import open_store
>>> from eventwire.analysis import AlertParams, dyad_filter, escalation_alerts, timeseries
>>> with open_store("events.duckdb", read_only=True) as store:
...     weekly = timeseries(store, dyad_filter("RUS", "UKR", level="country"), freq="week")
...     alerts = escalation_alerts(store, params=AlertParams(window=28, threshold=3.5))
"""

from eventwire.analysis.alerts import AlertParams, escalation_alerts
from eventwire.analysis.base import FREQS, LEVELS, dyad_pattern
from eventwire.analysis.series import QUAD_NAMES, actor_network, dyad_filter, dyads, timeseries

__all__ = [
    "FREQS", "LEVELS", "QUAD_NAMES", "AlertParams", "actor_network", "dyad_filter", "dyad_pattern", "dyads",
    "escalation_alerts", "timeseries",
]
