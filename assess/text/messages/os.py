"""Why the system refused a file or folder, in the user's words (`assess.problems.os_reason`):
Python gives the reason in English on Linux and macOS, and in the system's language on Windows,
whatever language the user chose."""

from assess.text.glossary import table

MESSAGES = table({
    "os.not_found": ("找不到该文件或文件夹", "no such file or folder"),
    "os.denied": ("没有权限，或文件正被其他程序（如 Excel、WPS）打开，请关闭后重试",
                  "permission denied, or the file is open in another program (such as Excel or WPS): close it "
                  "and try again"),
    "os.is_folder": ("这是一个文件夹，不是文件", "it is a folder, not a file"),
    "os.not_folder": ("路径中有一部分不是文件夹", "part of the path is not a folder"),
    "os.disk_full": ("磁盘空间不足", "the disk is full"),
    "os.read_only": ("磁盘或文件夹是只读的", "the disk or folder is read-only"),
    "os.name_too_long": ("文件名或路径过长", "the file name or path is too long"),
    "os.exists": ("同名的文件或文件夹已存在", "a file or folder of that name is already there"),
    "os.address_in_use": ("该端口已被占用", "the port is already in use"),
    "os.address_not_here": ("该地址不属于本机", "the address is not one of this machine's"),
})
