"""The `assess` command line: one module per subcommand, heavy imports inside `run`."""

from assess.cli.main import main

__all__ = ["main"]
