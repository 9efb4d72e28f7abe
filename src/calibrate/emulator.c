#include "calibrate/emulator.h"
