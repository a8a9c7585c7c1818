"""iwo-tm: a translation memory for the International Workers Organizer.

Data flows one way: documents -> segments -> aligned units -> memory -> suggestions / reports.
"""

__version__ = "0.1.0"
