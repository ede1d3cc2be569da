"""buurtxl: the Uitvoeringsregeling Buurtnetwerken 2018 (Maastricht) as rules, Excel functions and
budget workbooks."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("buurtxl")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
