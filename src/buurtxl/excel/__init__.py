"""The Excel worksheet functions and their hosts: the one table of their arguments (`excelfuncties`),
the functions themselves (`udfs`, `udf_argumenten`) for xlwings' add-in, and `buurtxl serve`
(`server`, the xlwings Server project folder `officejs/`).

Nothing is imported here: `udfs` imports xlwings and numpy, which the command line must not load.
"""
