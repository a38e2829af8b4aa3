"""One module per rule. Each module's docstring is that rule's documentation (``summary-lint rule NAME``)."""
