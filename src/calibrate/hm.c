/* hm.c: (in progress) */
#include "calibrate/calibrate.h"
