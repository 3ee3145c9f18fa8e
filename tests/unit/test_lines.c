#include "unit.h"
int test_lines_register(void) { return 0; }
