"""buurtxl: the Uitvoeringsregeling Buurtnetwerken 2018 (Maastricht) as rules, Excel functions and
budget workbooks."""

# The one place of the version: pyproject.toml reads it from here. A literal rather than
# importlib.metadata, which would cost the command line more start-up time than click itself.
__version__ = "0.1.0"
