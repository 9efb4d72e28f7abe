/* nowcast_write.c: (in progress) */
#include "calibrate/calibrate.h"
