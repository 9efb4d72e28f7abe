/* config.c: the ids of the fixed enumerations of the configuration (config.h). */
#include "config/config.h"

#include <stddef.h>

const char *const fs_class_ids[FS_NCLASS + 1] = {"workstation", "server", "onprem_vm",
                                                 "cloud_vm",    "kiosk",  NULL};
const char *const fs_platform_ids[FS_NPLAT + 1] = {"windows", "macos", "linux", NULL};
const char *const fs_size_class_ids[FS_SIZE_CLASSES + 1] = {"1-9",       "10-99",  "100-999",
                                                            "1000-9999", "10000+", NULL};
