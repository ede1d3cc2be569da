"""No custom scripts: buurtxl offers worksheet functions only.

xlwings Server imports `custom_scripts` from its project folder; without this empty package it
would fall back to its own package, which holds its examples.
"""
