"""The Excel worksheet functions and their hosts: the one table of their arguments (`excelfuncties`),
the functions themselves (`udfs`, `udf_argumenten`, `bereik`) for xlwings' add-in, and `buurtxl serve`
(`server`, the xlwings Server project folder `officejs/`).

Nothing is imported here: `udfs` imports xlwings (and `bereik` numpy), which the command line must not
load.
"""
