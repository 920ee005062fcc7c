"""What a file's name says of its format, for files that come back from clients: mail and chat tools
drop or change extensions, and people put dots in names (答卷2025.11.30, 华东重工答卷.v2)."""

from __future__ import annotations

from pathlib import PurePath

KNOWN = frozenset({
    # what the reader takes, and archives
    ".xlsx", ".xlsm", ".xltx", ".xls", ".xlsb", ".et", ".ods", ".json", ".zip", ".7z", ".rar", ".tar", ".gz",
    ".tgz", ".bz2", ".xz",
    # what else turns up in a folder of returns: documents, pictures, mail, system files
    ".pdf", ".doc", ".docx", ".wps", ".odt", ".ppt", ".pptx", ".dps", ".odp", ".txt", ".csv", ".md", ".rtf",
    ".htm", ".html", ".xml", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".webp", ".mp4",
    ".mov", ".avi", ".eml", ".msg", ".db", ".ini", ".lnk", ".exe", ".dll", ".tmp", ".bak", ".log",
    # zip-based formats that are not workbooks: named as other files, not opened as zips of sheets
    ".docm", ".dotx", ".pptm", ".potx", ".vsdx", ".odg", ".epub", ".ofd", ".xmind", ".jar", ".apk", ".pages",
    ".numbers", ".key",
})
"""Extensions that name a format; any other ending (.30, .v2, .final) is part of the name."""


def names_format(name: str | PurePath) -> bool:
    """Whether what follows the name's last dot names a format (`KNOWN`)."""
    return PurePath(name).suffix.lower() in KNOWN


def name_stem(name: str | PurePath) -> str:
    """A file's name without its extension, and whole when its ending names no format:
    答卷2025.11.30 stays 答卷2025.11.30, 华东重工.xlsx becomes 华东重工."""
    path = PurePath(name)
    return path.stem if names_format(path) else path.name


def is_lock_file(name: str | PurePath) -> bool:
    """Whether a file is an office suite's lock file, written beside a workbook someone has open:
    `~$华东重工.xlsx` (Excel, WPS), `.~lock.华东重工.xlsx#` (LibreOffice)."""
    return PurePath(name).name.startswith(("~$", ".~lock"))
