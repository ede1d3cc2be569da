"""The workbook as a package (OPC zip of XML parts), edited part by part for `buurtxl update`.

`update` must not re-save the municipality's workbook through a library that rewrites every part
and drops what it does not model. Instead buurtxl builds its own sheets in a scratch workbook
(openpyxl) and `samenvoegen` writes a new package that copies every part of the user's file byte
for byte, except the few shared parts that must learn about the new sheets:

- `onderdelen`: reading and writing the zip, relationships, content types (package I/O);
- `eigendom`: which sheets and names are buurtxl's (a document property, never a sheet-scoped name);
- `stijlen`: buurtxl's styles appended to the user's `styles.xml`, and the index maps;
- `werkboek`: `workbook.xml` (sheets, defined names, calcPr), its relationships, content types;
- `verwijzingen`: the user's references by cell address into buurtxl's sheets (a warning);
- `samenvoegen`: the whole merge;
- `controle`: an independent check of the result against the original, part by part.
"""
