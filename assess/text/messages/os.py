"""Why the system refused a file or folder, in the user's words (`assess.problems.os_reason`):
Python gives the reason in English on Linux and macOS, and in the system's language on Windows,
whatever language the user chose."""

from assess.text.glossary import table

MESSAGES = table({
    "os.not_found": ("找不到该文件或文件夹", "no such file or folder"),
    "os.denied": ("没有访问权限，或文件正在 Excel、WPS 等程序中打开",
                  "access denied, or the file is open in a program such as Excel or WPS"),
    "os.is_folder": ("这是一个文件夹，不是文件", "it is a folder, not a file"),
    "os.not_folder": ("路径中有一部分不是文件夹", "part of the path is not a folder"),
    "os.disk_full": ("磁盘空间不足", "the disk is full"),
    "os.read_only": ("磁盘为只读", "the disk is read-only"),
    "os.name_too_long": ("文件名或路径过长", "the file name or path is too long"),
    "os.bad_name": ("文件名或路径中有系统不允许的字符（如 : * ? \" < > |）",
                    "the file name or path has a character the system does not allow (such as : * ? \" < > |)"),
    "os.exists": ("同名的文件或文件夹已存在", "a file or folder of that name is already there"),
})
