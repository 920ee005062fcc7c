"""assess: readiness of a manufacturer for China's 2027 "AI + Manufacturing" action plan."""

__version__ = "0.6.0"
