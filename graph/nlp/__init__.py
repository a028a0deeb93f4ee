"""Natural-language processing: Frog behind one module (frog.py), its output as tokens (tokens.py)."""
