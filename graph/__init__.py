"""govgraph: who knew what, when. A knowledge graph of Dutch governance documents."""
__version__ = "0.1.0"
