"""Making Together: a learning game about coproduction in mental-health services."""

__version__ = "0.1.0"
