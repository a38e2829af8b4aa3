"""Typed errors: the API raises them, the CLI turns each into one line on stderr and exit code 2."""


class SummaryLintError(Exception):
    """Base class for every error summary-lint reports to its caller."""


class InputError(SummaryLintError):
    """An input path or its content cannot be linted (missing, binary, empty, undecodable, no entries)."""


class EmptyInputError(InputError):
    """The input holds no text at all; inside a folder such a file is skipped, not an error."""


class NoEntriesError(InputError):
    """The input is text but holds no paper entries (a JSON file of something else); inside a folder
    such a file is skipped, not an error."""


class ConfigError(SummaryLintError):
    """A configuration file, preset, rule pack or command-line option is invalid."""
