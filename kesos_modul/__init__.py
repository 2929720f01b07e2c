"""kesos-modul: write, review, version and publish social-welfare training modules."""

__version__ = "0.1.0"
