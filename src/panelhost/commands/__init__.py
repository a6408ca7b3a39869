"""Subcommands. Each module has HELP, `configure(parser)` and `run(args) -> int`.

Keep imports of Textual and websockets inside `run`, so `panelhost --help` stays fast.
"""
