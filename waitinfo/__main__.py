"""`python -m waitinfo` runs the command line."""

from waitinfo.cli import main

main()
