"""Layer 4, viz: the shared figure style, the one save helper and every ``plot_*``.

The only package that imports matplotlib.
"""
