"""One module per rule, declared with ``registry.rule``; each module's docstring is that rule's
documentation (``summary-lint rule NAME``). See CONTRIBUTING.md."""
