"""`python -m buurtxl.cli`: the same command line as the `buurtxl` console script."""

from buurtxl.cli import main

if __name__ == "__main__":
    main()
