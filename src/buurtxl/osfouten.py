"""The operating system's errors in Dutch.

The system words its errors in English (`strerror`); a user reads these instead. An errno not in
the table is named by its code, never by the English text.
"""

from __future__ import annotations

import errno

OS_FOUTEN: dict[int, str] = {
    errno.ENOENT: "bestand of map bestaat niet",
    errno.EACCES: "geen toestemming om dit bestand te lezen of te schrijven",
    errno.EPERM: "geen toestemming om dit bestand te lezen of te schrijven",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EFBIG: "het bestand is te groot voor deze schijf",
    errno.EROFS: "deze schijf is alleen-lezen",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van dit pad is geen map",
    errno.EEXIST: "er bestaat al een bestand met deze naam",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.EBUSY: "het bestand is in gebruik",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ELOOP: "te veel symbolische koppelingen in dit pad",
    errno.EMFILE: "te veel geopende bestanden",
    errno.ENFILE: "te veel geopende bestanden",
    errno.EIO: "lees- of schrijffout van de schijf",
    errno.EXDEV: "het bestand kan niet naar een andere schijf worden verplaatst",
    errno.ENXIO: "het apparaat of de pijp heeft geen andere kant",
    errno.EAGAIN: "het bestand is tijdelijk niet beschikbaar",
    errno.EINVAL: "ongeldige bewerking voor dit bestand",
}


def os_reden(fout: OSError) -> str:
    """Dutch for what went wrong (`fout.errno`), without the system's English text."""
    if fout.errno in OS_FOUTEN:
        return OS_FOUTEN[fout.errno]
    code = errno.errorcode.get(fout.errno or 0)
    return f"fout van het besturingssysteem ({code})" if code else "fout van het besturingssysteem"
