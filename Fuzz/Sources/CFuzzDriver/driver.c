// The declaration in include/CFuzzDriver.h is all this target provides; a C
// target needs one source file.
#include "CFuzzDriver.h"
