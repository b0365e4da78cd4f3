"""Jinja templates for `gongkai serve` (a package only so that installs include the .html)."""
