"""The decision letters (beschikkingen): one Word letter per buurtnetwerk i.o., from a template.

A face like the workbook: it fills what the rules computed into a .docx template (docxtpl: Jinja
tags inside Word) and never computes an amount itself.

| module | one job |
|---|---|
| `inhoud` | the fields of the two letters with their meaning, filled from the rules' results |
| `sjabloon` | load a template (the package's or the municipality's), refuse unknown fields in Dutch, fill it |
| `schrijven` | who gets a letter (contact details present), file names, atomic writes, PDFs through LibreOffice |
| `sjablonen/` | the shipped templates, built by scripts/maak_brieven.py (a test holds them equal) |
"""
