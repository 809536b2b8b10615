"""Viz: networkx projections and metrics, self-contained HTML views, exports for Gephi and Kumu."""
