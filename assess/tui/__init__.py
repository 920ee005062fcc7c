"""The Textual assessment app. `make_app` builds it; `assess tui` and `assess serve` run it."""
