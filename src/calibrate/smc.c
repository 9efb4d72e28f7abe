#include "calibrate/smc.h"
